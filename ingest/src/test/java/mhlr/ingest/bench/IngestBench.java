package mhlr.ingest.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.config.Settings;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.RecordIoIndex;
import mhlr.core.format.RecordIoReader;
import mhlr.core.image.FacePreparation;
import mhlr.core.image.ImageDecoder;
import mhlr.core.image.KeepPixels;
import mhlr.core.image.Subsampling;
import mhlr.core.skip.BadRecordException;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFaces;
import mhlr.core.sample.SampleFormat;
import mhlr.ingest.Ingest;
import mhlr.ingest.IngestReport;
import mhlr.ingest.IngestSettings;
import mhlr.ingest.source.Sources;
import mhlr.spark.SparkJob;
import mhlr.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * Ingest throughput on this machine, side by side in one run, for the {@code folders} and {@code recordio} sources
 * on generated data (core's sample faces, aligned 112x112 JPEGs, 20 per identity), and for the {@code landmarks}
 * source on the same faces as un-aligned 250x250 photos with five landmarks each (alignment and encoding
 * dominate):
 * <ul>
 *   <li>job: the whole Spark job on {@code local[*]} (read, prepare, hash, deduplicate, label, shuffle, write the
 *       shards, skipped table and manifest), images per second of wall time; Spark's start is not timed. For
 *       {@code folders} also "job, shuffled": the same job the way of inputs over {@code ingest.plan-on-driver-up-to}
 *       records (census and shard rows by Spark shuffles instead of on the driver), checked to write the same
 *       manifest;</li>
 *   <li>loop: one plain Java thread reading each image and calling {@link FacePreparation#prepare} (the same
 *       per-image decode, align or resize, encode);</li>
 *   <li>decode: one thread reading and decoding only, as the preparation decodes (an aligned 112x112 face to its
 *       raw samples, {@link KeepPixels}; a photo to its picture), the floor of the work;</li>
 *   <li>plain threads: the job's per-image work (read, prepare, hash, write Parquet) on as many plain threads as
 *       Spark has cores, each into a shard of its own ({@link PlainThreadIngest}): the most any design could reach
 *       here;</li>
 *   <li>Spark's floors: that work as the simplest Spark job, one shard per task ({@link MinimalSparkIngest}), and
 *       as the simplest job whose output could not depend on the partitioning: every image read first, then the
 *       shards written ({@link MinimalTwoPassIngest});</li>
 *   <li>python: one Python process doing insightface RecBuilder's work on the {@code folders} input (read, PIL
 *       decode-check, SHA-256, pack into a {@code .rec}: {@code ingest/src/test/python/rec_builder_bench.py}), when
 *       {@code python3} with Pillow is there; and the same process reading and decoding only (Pillow's decoder,
 *       libjpeg-turbo in current wheels, beside the JDK's). Its table puts the job, Spark's floor and the plain
 *       threads against it, with what each spends per image in CPU time (the Python process uses one core, so its
 *       wall time is its CPU time).</li>
 * </ul>
 * It also times Spark's start on the embedded path ({@link SparkSessions#start}, as {@code bin/ingest} starts it),
 * the first thing the JVM does; {@code --start-only} times only that and exits.
 * With {@code --outputs}, it measures instead the {@code folders} job writing each output format side by side in
 * every round ({@code parquet}, {@code recordio}, {@code both}), after one untimed warm-up job of each, and gives
 * their wall times and process CPU times (all threads; less distorted by a busy shared machine) and the ratios to
 * Parquet alone (goals: recordio at most 1.2x, both at most 1.4x).
 * Goals: job at least 1.6x the loop; job per core at least 80 % of decode. The data is generated once into
 * {@code --data} (not timed) and reused by later runs. Besides wall-clock rates the table gives images per
 * second of process CPU time (all threads: Spark, GC, JIT), which a busy shared machine distorts much less: the
 * job's CPU rate over the loop's is the share of the work that is the per-image work itself.
 *
 * <pre>
 * ./mvnw -q -o -pl ingest -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java $(cat bin/lib/jvm-options) -Xmx4g -cp ingest/target/test-classes:ingest/target/classes:$(cat ingest/target/test-classpath.txt) \
 *     mhlr.ingest.bench.IngestBench [--images 20000] [--data /tmp/mhlr-ingest-bench] [--rounds 1] [--outputs] \
 *     [--sources folders,recordio,landmarks] [--start-only] [--set KEY=VALUE ...]
 * </pre>
 */
public final class IngestBench {
    private static final int IMAGES_PER_IDENTITY = 20;
    /** One table row per ingest job run, warm-up jobs included: wall, process CPU, JIT compilation and GC time. */
    private static final List<String> JOB_COSTS = new ArrayList<>();
    /** Settings every ingest job gets on top of the base configuration ({@code --set KEY=VALUE}, repeatable). */
    private static final List<String> JOB_OVERRIDES = new ArrayList<>();
    /** Ingest jobs run so far, warm-up jobs included. */
    private static int jobs;
    private static final int WARM_UP = 2000;
    /** The share of a warm-up job's wall time spent JIT-compiling below which the job counts as warm. */
    private static final double QUIET_JIT = 0.1;
    private static final int MOST_WARM_UP_JOBS = 6;
    private static final String LANDMARKS = "landmarks";
    /** LFW's photo size: the face is a small part of the photo, so alignment does real work. */
    private static final int LANDMARK_PHOTO_SIZE = 250;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int images = 20_000;
        Path data = Path.of(System.getProperty("java.io.tmpdir"), "mhlr-ingest-bench");
        int rounds = 1;
        boolean outputs = false;
        boolean startOnly = false;
        List<String> sources = List.of("folders", "recordio", LANDMARKS);
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--outputs")) {
                outputs = true;
                i--;
                continue;
            }
            if (args[i].equals("--start-only")) {
                startOnly = true;
                i--;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--data" -> data = Path.of(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--sources" -> sources = List.of(args[i + 1].split(","));
                case "--set" -> JOB_OVERRIDES.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long sparkStart = System.nanoTime();
        SparkSession spark = SparkSessions.start(Settings.load(Optional.empty(), List.of()),
                new SparkJob("ingest", data.toString(), Optional.of("local[*]"), Map.of()));
        double startSeconds = (System.nanoTime() - sparkStart) / 1e9;
        if (startOnly) {
            System.out.printf(Locale.ROOT, "Spark start-up on the embedded path: %.2f s%n", startSeconds);
            System.exit(0);
        }
        generate(data, images);
        List<Path> files = imageFiles(data.resolve("folders"));
        Path rec = data.resolve("recordio").resolve("train.rec");
        RecordIoIndex index = RecordIoIndex.read(data.resolve("recordio").resolve("train.idx"));
        Path photos = data.resolve(LANDMARKS).resolve("landmarks");

        int cores = spark.sparkContext().defaultParallelism();
        System.out.printf(Locale.ROOT, "%,d images per format, %d cores, Spark local[*], %d round(s)%n", files.size(),
                cores, rounds);
        System.out.printf(Locale.ROOT, "Spark start-up on the embedded path (SparkSessions.start, local[*], first"
                + " thing in the JVM): %.2f s%n", startSeconds);

        if (outputs) {
            outputFormats(spark, data, rounds);
            System.exit(0);
        }
        IngestSettings jobSettings = IngestSettings.from(Settings.load(Optional.empty(), JOB_OVERRIDES));
        long rowGroupBytes = jobSettings.rowGroupBytes();
        double shardBytes = jobSettings.shardMegabytes() * 1024 * 1024;
        warmUp(files, rec, index, spark, data, sources, cores, rowGroupBytes, shardBytes);
        List<String> table = new ArrayList<>();
        List<String> scaling = new ArrayList<>();
        List<String> ceiling = new ArrayList<>();
        List<String> python = new ArrayList<>();
        List<String> floor = new ArrayList<>();
        String pythonDecoder = null;
        for (int round = 0; round < rounds; round++) {
            if (sources.contains("folders")) {
                Rate pictureDecode = folderLoop(files, ImageWork.PICTURE);
                Rate folderDecode = folderLoop(files, ImageWork.DECODE);
                Rate folderLoop = folderLoop(files, ImageWork.PREPARE);
                Rate folderJob = job(spark, "folders", data.resolve("folders"), data);
                Rate shuffledJob = job(spark, "folders", data.resolve("folders"), data, "parquet", true);
                Rate parallelDecode = parallelFolderDecode(files, cores);
                Rate plain = plainThreads(data.resolve("folders"), files, file -> null, cores,
                        data.resolve("plain-threads"), rowGroupBytes);
                Rate minimal = minimalSpark(spark, data.resolve("folders"), files, Map.of(),
                        data.resolve("minimal-spark"), rowGroupBytes);
                Rate twoPass = minimalTwoPass(spark, data.resolve("folders"), files, Map.of(),
                        data.resolve("minimal-two-pass"), rowGroupBytes, shardBytes);
                Optional<PythonRun> pythonDecode = python(data, true);
                Optional<PythonRun> pythonPacking = python(data, false);
                table.add(row("folders", folderJob, folderLoop, folderDecode, cores));
                table.add(row("folders, shuffled", shuffledJob, folderLoop, folderDecode, cores));
                scaling.add(String.format(Locale.ROOT, "| %,.0f | %,.0f | %.2fx | %,.0f | %.2fx |",
                        folderDecode.wall(), parallelDecode.wall(), parallelDecode.wall() / folderDecode.wall(),
                        pictureDecode.wall(), folderDecode.wall() / pictureDecode.wall()));
                ceiling.add(ceilingRow("folders", folderLoop, plain, folderJob));
                floor.add(floorRow("folders", plain, minimal, twoPass, folderJob));
                if (pythonDecode.isPresent() && pythonPacking.isPresent()) {
                    python.add(pythonRow(pythonPacking.get().imagesPerSecond(), pythonDecode.get().imagesPerSecond(),
                            folderDecode, folderJob, shuffledJob, minimal, twoPass, plain));
                    pythonDecoder = pythonDecode.get().decoder();
                }
            }
            if (sources.contains("recordio")) {
                Rate recordDecode = recordLoop(rec, index, ImageWork.DECODE);
                Rate recordLoop = recordLoop(rec, index, ImageWork.PREPARE);
                Rate recordJob = job(spark, "recordio", data.resolve("recordio"), data);
                table.add(row("recordio", recordJob, recordLoop, recordDecode, cores));
            }
            if (sources.contains(LANDMARKS)) {
                Rate landmarkDecode = landmarkLoop(photos, false);
                Rate landmarkLoop = landmarkLoop(photos, true);
                Rate landmarkJob = job(spark, LANDMARKS, photos, data);
                LandmarkFile landmarks = LandmarkFile.read(photos.resolve("landmarks.txt"));
                List<Path> photoFiles = landmarks.byName().keySet().stream().map(photos::resolve).toList();
                Rate plain = plainThreads(photos, photoFiles,
                        file -> landmarks.byName().get(photos.relativize(file).toString()).points(), cores,
                        data.resolve("plain-threads-landmarks"), rowGroupBytes);
                Map<String, float[]> points = new java.util.HashMap<>();
                landmarks.byName().forEach((name, face) -> points.put(name, face.points()));
                Rate minimal = minimalSpark(spark, photos, photoFiles, points,
                        data.resolve("minimal-spark-landmarks"), rowGroupBytes);
                Rate twoPass = minimalTwoPass(spark, photos, photoFiles, points,
                        data.resolve("minimal-two-pass-landmarks"), rowGroupBytes, shardBytes);
                table.add(row("landmarks 250x250", landmarkJob, landmarkLoop, landmarkDecode, cores));
                ceiling.add(ceilingRow("landmarks", landmarkLoop, plain, landmarkJob));
                floor.add(floorRow("landmarks", plain, minimal, twoPass, landmarkJob));
            }
        }
        System.out.println();
        printTable("| source | job img/s | loop img/s | decode img/s | job / loop | job per core / decode"
                + " | job img/CPU-s | loop img/CPU-s | decode img/CPU-s |", table);
        printTable(String.format(Locale.ROOT, "| folders decode, 1 thread img/s | decode, %d threads img/s"
                + " | speed-up | decode to a picture, 1 thread img/s | decode / decode to a picture |", cores),
                scaling);
        printTable(String.format(Locale.ROOT, "| source | loop img/s | the job's work on %d plain threads img/s"
                + " | job img/s | plain threads / loop | job / loop | job / plain threads | plain threads img/CPU-s"
                + " | job img/CPU-s | job / plain threads, per CPU-s |", cores), ceiling);
        printTable("| source | plain threads img/s | minimal Spark job img/s | two-pass floor img/s | job img/s"
                + " | minimal Spark / plain threads | two-pass floor / minimal Spark | job / two-pass floor"
                + " | job / minimal Spark | minimal Spark img/CPU-s | two-pass floor img/CPU-s | job img/CPU-s |",
                floor);
        printTable("| run (warm-up jobs first) | source | wall s | process CPU s | JIT compilation s (elapsed)"
                + " | GC s | CPU s by thread (Linux) |", JOB_COSTS);
        if (!python.isEmpty()) {
            System.out.println("Python decodes with " + pythonDecoder + ", the JDK with its own libjpeg (ImageIO).");
            printTable("| python RecBuilder img/s | Python read + decode img/s | JDK read + decode, 1 thread img/s"
                    + " | folders job img/s | job, shuffled img/s | minimal Spark img/s | two-pass floor img/s"
                    + " | plain threads img/s | job / python | job, shuffled / python | minimal Spark / python"
                    + " | two-pass floor / python | plain threads / python"
                    + " | python CPU us/img | job CPU us/img"
                    + " | minimal Spark CPU us/img | plain threads CPU us/img |", python);
        }
        System.exit(0);
    }

    /** Prints a Markdown table (the header, its separator row, the rows) and a blank line. */
    private static void printTable(String header, List<String> rows) {
        System.out.println(header);
        System.out.println("|" + "---|".repeat(header.split("\\|", -1).length - 2));
        rows.forEach(System.out::println);
        System.out.println();
    }

    /**
     * Runs {@code rec_builder_bench.py} on the {@code folders} input (packing a {@code .rec}, or with
     * {@code decodeOnly} only reading and decoding) and returns its images per second, or nothing (with the reason
     * on stdout) when python3 or Pillow is missing.
     */
    private static Optional<PythonRun> python(Path data, boolean decodeOnly) throws IOException, InterruptedException {
        Path script = Path.of("ingest", "src", "test", "python", "rec_builder_bench.py");
        if (!Files.exists(script)) {
            System.out.println("python RecBuilder not run: " + script + " not found (run from the repository root)");
            return Optional.empty();
        }
        List<String> command = decodeOnly
                ? List.of("python3", script.toString(), "--decode-only", data.resolve("folders").toString())
                : List.of("python3", script.toString(), data.resolve("folders").toString(),
                        data.resolve("python-rec").toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0 || !output.endsWith("img/s")) {
            System.out.println("python RecBuilder not run: " + output);
            return Optional.empty();
        }
        String[] words = output.split(" ");
        return Optional.of(new PythonRun(Double.parseDouble(words[words.length - 2]), output));
    }

    /** What the Python script measured: its rate and its line (which, decoding only, names the JPEG library). */
    private record PythonRun(double imagesPerSecond, String line) {
        String decoder() {
            return line.substring(line.indexOf("Pillow"), line.indexOf(" in "));
        }
    }

    /**
     * One round against the Python process: rates, ratios and CPU time per image (the Python process runs on one
     * core, so its wall time is its CPU time).
     */
    private static String pythonRow(double packing, double pythonDecode, Rate jdkDecode, Rate job, Rate shuffled,
            Rate minimal, Rate twoPass, Rate plain) {
        return String.format(Locale.ROOT, "| %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.2fx"
                + " | %.2fx | %.2fx | %.2fx | %.2fx | %.0f | %.0f | %.0f | %.0f |", packing, pythonDecode,
                jdkDecode.wall(), job.wall(), shuffled.wall(), minimal.wall(), twoPass.wall(), plain.wall(),
                job.wall() / packing, shuffled.wall() / packing, minimal.wall() / packing, twoPass.wall() / packing,
                plain.wall() / packing, 1e6 / packing,
                1e6 / job.cpu(), 1e6 / minimal.cpu(), 1e6 / plain.cpu());
    }

    private static String row(String source, Rate job, Rate loop, Rate decode, int cores) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2fx | %.0f %% | %,.0f | %,.0f | %,.0f |",
                source, job.wall(), loop.wall(), decode.wall(), job.wall() / loop.wall(),
                100 * job.wall() / cores / decode.wall(), job.cpu(), loop.cpu(), decode.cpu());
    }

    /** The job's own per-image work on plain threads ({@link PlainThreadIngest}), timed. */
    private static Rate plainThreads(Path root, List<Path> files, Function<Path, float[]> landmarks, int threads,
            Path output, long rowGroupBytes) throws Exception {
        return timed("plain threads", root,
                () -> PlainThreadIngest.run(root, files, landmarks, threads, output, rowGroupBytes));
    }

    /** The same work as the simplest Spark job ({@link MinimalSparkIngest}), as many tasks as pass 1, timed. */
    private static Rate minimalSpark(SparkSession spark, Path root, List<Path> files, Map<String, float[]> landmarks,
            Path output, long rowGroupBytes) throws Exception {
        int partitions = passOnePartitions(spark, files);
        return timed("minimal Spark job", root,
                () -> MinimalSparkIngest.run(spark, root, files, landmarks, partitions, output, rowGroupBytes));
    }

    private static String floorRow(String source, Rate plain, Rate minimal, Rate twoPass, Rate job) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %,.0f | %.2fx | %.2f | %.2f | %.2f | %,.0f"
                + " | %,.0f | %,.0f |", source, plain.wall(), minimal.wall(), twoPass.wall(), job.wall(),
                minimal.wall() / plain.wall(), twoPass.wall() / minimal.wall(), job.wall() / twoPass.wall(),
                job.wall() / minimal.wall(), minimal.cpu(), twoPass.cpu(), job.cpu());
    }

    /**
     * The same work as {@link MinimalSparkIngest} split into a reading job and a shard-writing job
     * ({@link MinimalTwoPassIngest}), timed.
     */
    private static Rate minimalTwoPass(SparkSession spark, Path root, List<Path> files, Map<String, float[]> landmarks,
            Path output, long rowGroupBytes, double shardBytes) throws Exception {
        int partitions = passOnePartitions(spark, files);
        return timed("two-pass floor", root, () -> MinimalTwoPassIngest.run(spark, root, files, landmarks,
                partitions, output, rowGroupBytes, shardBytes));
    }

    /** A run that returns the images it wrote. */
    @FunctionalInterface
    private interface Images {
        long write() throws Exception;
    }

    /** Times {@code run} (wall, process CPU, JIT, CPU by thread), adds its row to the costs table, gives its rate. */
    private static Rate timed(String name, Path root, Images run) throws Exception {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        ThreadCpu before = ThreadCpu.now();
        long done = run.write();
        JOB_COSTS.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | | %s |", name,
                root.getFileName(), (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling) / 1e3,
                ThreadCpu.describe(ThreadCpu.now().since(before))));
        return Rate.since(done, start, cpu);
    }

    /** As many partitions as the ingest's pass 1 uses for {@code files}. */
    private static int passOnePartitions(SparkSession spark, List<Path> files) {
        return (int) Math.max((files.size() + 999) / 1000, 2L * spark.sparkContext().defaultParallelism());
    }

    private static String ceilingRow(String source, Rate loop, Rate plain, Rate job) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2fx | %.2fx | %.2fx | %,.0f | %,.0f |"
                + " %.2f |", source, loop.wall(), plain.wall(), job.wall(), plain.wall() / loop.wall(),
                job.wall() / loop.wall(), job.wall() / plain.wall(), plain.cpu(), job.cpu(), job.cpu() / plain.cpu());
    }

    /** Images per second of wall time and per second of process CPU time. */
    private record Rate(double wall, double cpu) {
        static Rate since(long images, long startNanos, long startCpuNanos) {
            return new Rate(images / ((System.nanoTime() - startNanos) / 1e9),
                    images / ((processCpuNanos() - startCpuNanos) / 1e9));
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Writes the sample data unless a previous run left enough of it. */
    private static void generate(Path data, int images) throws IOException {
        Path marker = data.resolve("images-" + images);
        if (!Files.exists(marker)) {
            AtomicOutput.deleteRecursively(data);
            generate(data, images, EnumSet.of(SampleFormat.FOLDERS, SampleFormat.RECORDIO), SampleFaces.PHOTO_SIZE);
            Files.writeString(marker, "");
        }
        Path photos = data.resolve(LANDMARKS);
        Path photoMarker = photos.resolve("images-" + images);
        if (!Files.exists(photoMarker)) {
            AtomicOutput.deleteRecursively(photos);
            generate(photos, images, EnumSet.of(SampleFormat.LANDMARKS), LANDMARK_PHOTO_SIZE);
            Files.writeString(photoMarker, "");
        }
    }

    private static void generate(Path data, int images, EnumSet<SampleFormat> formats, int photoSize)
            throws IOException {
        int identities = 4;
        SampleDataWriter writer;
        do {
            identities++;
            writer = SampleDataWriter.builder().identities(identities).imagesPerIdentity(IMAGES_PER_IDENTITY)
                    .seed(1).photoSize(photoSize).threads(Runtime.getRuntime().availableProcessors())
                    .formats(formats).build();
        } while (writer.trainingIdentities() * IMAGES_PER_IDENTITY < images);
        long start = System.nanoTime();
        writer.write(data);
        System.out.printf(Locale.ROOT, "generated %,d identities x %d images (%s) into %s in %.0f s (not timed)%n",
                writer.trainingIdentities(), IMAGES_PER_IDENTITY, formats, data, (System.nanoTime() - start) / 1e9);
    }

    private static List<Path> imageFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /**
     * Loads classes, JIT-compiles the decoders, the jobs' code and the floors' code, reads the files into the page
     * cache; not timed. Each source's job runs until the JIT compiled for less than {@value #QUIET_JIT} of its wall
     * time (at most {@value #MOST_WARM_UP_JOBS} jobs): the job runs far more code than the loops and floors, and one
     * warm-up job left it compiling for a third of its timed rounds' wall time.
     */
    private static void warmUp(List<Path> files, Path rec, RecordIoIndex index, SparkSession spark, Path data,
            List<String> sources, int cores, long rowGroupBytes, double shardBytes) throws Exception {
        folderLoop(files.subList(0, Math.min(WARM_UP, files.size())), ImageWork.PREPARE);
        folderLoop(files, ImageWork.DECODE);
        recordLoop(rec, index, ImageWork.DECODE);
        for (String source : sources) {
            Path input = source.equals(LANDMARKS) ? data.resolve(LANDMARKS).resolve("landmarks") : data.resolve(source);
            if (source.equals(LANDMARKS)) {
                landmarkLoop(input, true);
            }
            for (int warmUpJob = 0; warmUpJob < MOST_WARM_UP_JOBS; warmUpJob++) {
                long start = System.nanoTime();
                long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                job(spark, source, input, data);
                if (source.equals("folders")) {
                    job(spark, source, input, data, "parquet", true);
                }
                double compiled =
                        (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling) / 1e3;
                if (compiled < QUIET_JIT * (System.nanoTime() - start) / 1e9) {
                    break;
                }
            }
        }
        if (sources.contains("folders")) {
            plainThreads(data.resolve("folders"), files, file -> null, cores, data.resolve("plain-threads"),
                    rowGroupBytes);
            minimalSpark(spark, data.resolve("folders"), files, Map.of(), data.resolve("minimal-spark"),
                    rowGroupBytes);
            minimalTwoPass(spark, data.resolve("folders"), files, Map.of(), data.resolve("minimal-two-pass"),
                    rowGroupBytes, shardBytes);
        }
    }

    /** Each landmark-file photo read and prepared (aligned to 112x112 and encoded), or only decoded. */
    private static Rate landmarkLoop(Path photos, boolean prepare) throws IOException, BadRecordException {
        LandmarkFile landmarks = LandmarkFile.read(photos.resolve("landmarks.txt"));
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        for (java.util.Map.Entry<String, FaceLandmarks> photo : landmarks.byName().entrySet()) {
            byte[] bytes = Files.readAllBytes(photos.resolve(photo.getKey()));
            if (prepare) {
                FacePreparation.prepare(bytes, photo.getValue().points(), photo.getKey());
            } else {
                ImageDecoder.decode(bytes, photo.getKey());
            }
        }
        return Rate.since(landmarks.byName().size(), start, cpu);
    }

    private static Rate folderLoop(List<Path> files, ImageWork work) throws IOException, BadRecordException {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        for (Path file : files) {
            work.accept(Files.readAllBytes(file), file.toString());
        }
        return Rate.since(files.size(), start, cpu);
    }


    /**
     * Decode alone on {@code threads} plain threads, each a contiguous share of the files: the most any parallel job
     * can gain over one thread on this machine, whatever its framework.
     */
    private static Rate parallelFolderDecode(List<Path> files, int threads) throws Exception {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Rate>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Path> share = files.subList(files.size() * t / threads, files.size() * (t + 1) / threads);
                parts.add(pool.submit(() -> folderLoop(share, ImageWork.DECODE)));
            }
            for (java.util.concurrent.Future<Rate> part : parts) {
                part.get();
            }
        } finally {
            pool.shutdown();
        }
        return Rate.since(files.size(), start, cpu);
    }

    /** What a loop does with each image's bytes. */
    @FunctionalInterface
    private interface ImageWork {
        /** Prepares a face (no landmarks) as ingest does. */
        ImageWork PREPARE = (bytes, source) -> FacePreparation.prepare(bytes, null, source);
        /** Decodes an aligned 112x112 face as ingest's preparation does before storing it as it is: no pixels kept. */
        ImageWork DECODE = (bytes, source) -> ImageDecoder.read(bytes, source, Subsampling.NONE,
                (format, width, height) -> false);
        /** Decodes to a picture ({@link ImageDecoder#decode}), as ingest did before it kept no pixels. */
        ImageWork PICTURE = ImageDecoder::decode;

        void accept(byte[] bytes, String source) throws BadRecordException;
    }


    private static Rate recordLoop(Path rec, RecordIoIndex index, ImageWork work)
            throws IOException, BadRecordException {
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        int count = 0;
        try (RecordIoReader reader = RecordIoReader.open(rec, index)) {
            RecordIoIndex images = reader.images();
            for (int i = 0; i < images.size(); i++) {
                byte[] bytes = reader.read(images.key(i)).image();
                String source = "train.rec#" + images.key(i);
                work.accept(bytes, source);
                count++;
            }
        }
        return Rate.since(count, start, cpu);
    }

    /** The folders job writing each output format, side by side in every round, after a warm-up job of each. */
    private static void outputFormats(SparkSession spark, Path data, int rounds) {
        List<String> formats = List.of("parquet", "recordio", "both");
        for (String output : formats) {
            job(spark, "folders", data.resolve("folders"), data, output);
        }
        System.out.println();
        System.out.println("| round | parquet s | recordio s | both s | recordio / parquet | both / parquet"
                + " | parquet CPU-s | recordio CPU-s | both CPU-s | recordio / parquet CPU | both / parquet CPU |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int round = 0; round < rounds; round++) {
            double[] seconds = new double[formats.size()];
            double[] cpuSeconds = new double[formats.size()];
            for (int i = 0; i < seconds.length; i++) {
                long start = System.nanoTime();
                long cpu = processCpuNanos();
                job(spark, "folders", data.resolve("folders"), data, formats.get(i));
                seconds[i] = (System.nanoTime() - start) / 1e9;
                cpuSeconds[i] = (processCpuNanos() - cpu) / 1e9;
            }
            System.out.printf(Locale.ROOT,
                    "| %d | %.2f | %.2f | %.2f | %.2fx | %.2fx | %.1f | %.1f | %.1f | %.2fx | %.2fx |%n", round + 1, seconds[0], seconds[1], seconds[2], seconds[1] / seconds[0], seconds[2] / seconds[0],
                    cpuSeconds[0], cpuSeconds[1], cpuSeconds[2], cpuSeconds[1] / cpuSeconds[0],
                    cpuSeconds[2] / cpuSeconds[0]);
        }
    }

    private static Rate job(SparkSession spark, String format, Path input, Path data) {
        return job(spark, format, input, data, "parquet");
    }

    private static Rate job(SparkSession spark, String format, Path input, Path data, String output) {
        return job(spark, format, input, data, output, false);
    }

    /**
     * Runs the ingest job once into {@code shards-FORMAT-OUTPUT} of {@code data}; with {@code shuffled}, the way of
     * large inputs ({@code ingest.plan-on-driver-up-to = 0}: the census and the shard rows by Spark shuffles) into
     * {@code shards-FORMAT-OUTPUT-shuffled}, failing when its manifest differs from the other way's last one.
     */
    private static Rate job(SparkSession spark, String format, Path input, Path data, String output,
            boolean shuffled) {
        List<String> overrides = new ArrayList<>(List.of("ingest.format=" + format, "ingest.output-format=" + output,
                "ingest.progress-seconds=10"));
        overrides.addAll(JOB_OVERRIDES);
        if (shuffled) {
            overrides.add("ingest.plan-on-driver-up-to=0");
        }
        IngestSettings settings = IngestSettings.from(Settings.load(Optional.empty(), overrides));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long start = System.nanoTime();
        long cpu = processCpuNanos();
        long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long collecting = collectionMillis();
        ThreadCpu threads = ThreadCpu.now();
        Path shards = data.resolve("shards-" + format + "-" + output);
        Path into = shuffled ? data.resolve(shards.getFileName() + "-shuffled") : shards;
        IngestReport report = Ingest.run(spark, settings, Sources.forFormat(format), input.toString(),
                into.toString(), true, new PrintStream(log, true, StandardCharsets.UTF_8));
        double wall = (System.nanoTime() - start) / 1e9;
        if (shuffled) {
            sameManifest(shards, into);
        }
        JOB_COSTS.add(String.format(Locale.ROOT, "| job %d%s | %s | %.2f | %.2f | %.2f | %.2f | %s |",
                ++jobs, shuffled ? ", shuffled" : "", format, wall, (processCpuNanos() - cpu) / 1e9,
                (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling) / 1e3,
                (collectionMillis() - collecting) / 1e3, ThreadCpu.describe(ThreadCpu.now().since(threads))));
        return Rate.since(report.manifest().counts().written(), start, cpu);
    }

    /** Fails unless both outputs' manifests hold the same bytes (every shard's SHA-256 among them). */
    private static void sameManifest(Path one, Path other) {
        try {
            byte[] first = Files.readAllBytes(one.resolve(ShardSchema.MANIFEST_FILE));
            if (!Arrays.equals(first, Files.readAllBytes(other.resolve(ShardSchema.MANIFEST_FILE)))) {
                throw new IllegalStateException("the shuffled job's manifest in " + other + " differs from " + one);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long collectionMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

}
