package mhlr.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import mhlr.core.cli.UsageException;
import mhlr.core.output.OutputRules;
import mhlr.core.skip.SkipReason;
import mhlr.core.dataset.Counts;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.ingest.prepared.PrepareAndSpill;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import mhlr.ingest.record.SkippedRecord;
import mhlr.ingest.shards.IdentificationTable;
import mhlr.ingest.recordio.RecordIoAssembly;
import mhlr.ingest.recordio.RecordIoPart;
import mhlr.ingest.recordio.RecordIoPlan;
import mhlr.ingest.recordio.RecordIoRows;
import mhlr.ingest.recordio.WriteRecordIoParts;
import mhlr.ingest.shards.PairRow;
import mhlr.ingest.shards.PairTable;
import mhlr.ingest.shards.ShardPartitioner;
import mhlr.ingest.shards.SkippedTable;
import mhlr.ingest.shards.VerificationBins;
import mhlr.ingest.shards.WriteShards;
import mhlr.ingest.shards.WriteSkipped;
import mhlr.ingest.shards.WrittenFile;
import mhlr.ingest.source.EvaluationSource;
import mhlr.ingest.source.Protocol;
import mhlr.ingest.source.Source;
import mhlr.ingest.source.SourceContext;
import mhlr.ingest.source.SourceRecords;
import mhlr.spark.DriverProgress;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The ingest pipeline on the driver, for any {@link Source}:
 * <ol>
 *   <li>pass 1: read and prepare every record on the executors (decode, align or resize to 112x112, encode, hash),
 *       with progress on stderr; each prepared face is spilled to a file of its task in the staging directory and
 *       Spark keeps only a small summary per record ({@link PrepareAndSpill}); the summaries are counted
 *       ({@link Census}: records by skip reason, copies of the same bytes, usable faces per identity; an evaluation
 *       set only counts), on the driver for an input of up to {@code ingest.plan-on-driver-up-to} records, else by a
 *       shuffle by input hash in pass 1's own Spark job ({@link PassOneSummaries}); fail when the bad share is over
 *       the limit;</li>
 *   <li>training, on the driver from the census: drop exact duplicates (same input bytes; the copy with the
 *       smallest identity and source stays), apply the identity filters and give dense labels in sorted identity
 *       order;</li>
 *   <li>pass 2: put the summaries into shards by a seeded hash of each record's source (on the driver, or by a
 *       shuffle, as for the census) and write one Parquet file per shard from the executors, each face's bytes read
 *       back from its spill file; write the skipped table; evaluation: write the pair list, without pairs whose images
 *       were not written;</li>
 *   <li>remove the spill files, write the manifest last, then commit the output directory by renaming it into
 *       place.</li>
 * </ol>
 * No image bytes are cached or shuffled by Spark: every Spark-side pass moves summaries of about 150 bytes.
 * Nothing depends on Spark's partitioning or the number of cores, so the same input and seed give the same bytes.
 */
public final class Ingest {
    private static final int EXAMPLES = 5;
    /** Hidden folder of the staging directory where the RecordIO parts wait to be joined. */
    private static final String RECORDIO_PARTS = ".recordio-parts";
    /** Hidden folder of the staging directory where pass 1 spills the prepared faces until pass 2 writes them. */
    private static final String SPILL = ".prepared";
    private static final Comparator<SkippedRecord> BY_SOURCE = new SkippedBySource();

    private final JavaSparkContext spark;
    private final IngestSettings settings;
    private final Source source;
    private final String input;
    private final PrintStream log;

    private Ingest(JavaSparkContext spark, IngestSettings settings, Source source, String input, PrintStream log) {
        this.spark = spark;
        this.settings = settings;
        this.source = source;
        this.input = input;
        this.log = log;
    }

    /**
     * Runs the pipeline and commits {@code output}.
     *
     * @param log where progress, warnings and the summary go (stderr for the CLI)
     * @throws UsageException for a bad input, a refused output, or too many bad records; nothing is committed
     */
    public static IngestReport run(SparkSession session, IngestSettings settings, Source source, String input,
            String output, boolean overwrite, PrintStream log) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        OutputRules<String> rules = OutputRules.<String>builder().overwrite(overwrite)
                .ownMarker(ShardSchema.MANIFEST_FILE).input(input).build();
        try (HadoopAtomicOutput target = HadoopAtomicOutput.begin(output, rules, spark.hadoopConfiguration())) {
            Ingest ingest = new Ingest(spark, settings, source, input, log);
            IngestReport report = ingest.execute(target);
            target.commit();
            log.println("ingest: done: " + report.output());
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IngestReport execute(HadoopAtomicOutput target) throws IOException {
        SourceContext context = new SourceContext(spark, input, settings);
        Duration interval = Duration.ofMillis(Math.round(settings.progressSeconds() * 1000));
        Path spill = target.staged(SPILL);
        JavaRDD<byte[]> summaryBlocks;
        PassOneSummaries passOne;
        Census census;
        try (DriverProgress progress = DriverProgress.start(spark.sc(), "ingest", "images", interval, log)) {
            SourceRecords records = source.read(context);
            if (records.estimated()) {
                progress.expectAbout(records.expected());
            } else {
                progress.expect(records.expected());
            }
            // Only the summaries (RecordCodec bytes, no image) are cached, one block per partition: Spark sizes a
            // byte array in constant time and, when it spills, serializes it with one copy. The prepared faces wait
            // in the spill files.
            summaryBlocks = records.records()
                    .mapPartitionsWithIndex(new PrepareAndSpill(spill.toString(), context.hadoopForExecutors(),
                            progress.counter()), true)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            // An input of unknown size (expected 0) is not collected: it may be of any size.
            passOne = records.expected() > 0 && records.expected() <= settings.planOnDriverUpTo()
                    ? PassOneSummaries.onDriver(spark, summaryBlocks)
                    : PassOneSummaries.onExecutors(spark, summaryBlocks);
            census = passOne.census(source.kind());
        }
        SkipTally tally = census.tally();
        JavaRDD<RecordSummary> summaries = passOne.summaries().map(RecordCodec::decodeSummary);
        try {
            if (tally.read() == 0) {
                throw new UsageException("--input " + input + " holds no records to ingest (format "
                        + settings.format() + ")");
            }
            tally.checkLimit(settings.maxSkippedFraction(), () -> badExamples(summaries));
            return source.kind() == DatasetKind.TRAIN
                    ? writeTraining(context, passOne, summaries, census, target)
                    : writeEvaluation(context, (EvaluationSource) source, passOne, summaries, tally, target);
        } finally {
            summaryBlocks.unpersist(false);
        }
    }

    /** Removes the spill files before the manifest is written (the staging directory then holds only the output). */
    private static void removeSpill(HadoopAtomicOutput target) throws IOException {
        target.fileSystem().delete(target.staged(SPILL), true);
    }

    /** The first bad records by source, for the message when there are too many. */
    private static List<SkippedRecord> badExamples(JavaRDD<RecordSummary> summaries) {
        return summaries.filter(r -> !r.isFace() && r.skipped().isBad()).map(RecordSummary::skipped)
                .takeOrdered(EXAMPLES, BY_SOURCE);
    }

    private IngestReport writeTraining(SourceContext context, PassOneSummaries passOne,
            JavaRDD<RecordSummary> summaries, Census census, HadoopAtomicOutput target) throws IOException {
        JavaRDD<RecordSummary> faces = summaries.filter(RecordSummary::isFace);
        Map<String, String> keptCopyByHash = census.keptCopyByHash();
        long duplicates = census.duplicates();
        Map<String, IdentitySum> usable = census.identities();
        IdentityLabels labels = IdentityLabels.assign(usable, settings.minImagesPerIdentity(),
                settings.maxIdentities());
        if (labels.classes() == 0) {
            throw new UsageException("no identity in --input " + input + " has at least "
                    + settings.minImagesPerIdentity() + " usable images (ingest.min-images-per-identity)");
        }
        Broadcast<TrainingSelection> selection = spark.broadcast(new TrainingSelection(keptCopyByHash, labels));
        JavaRDD<SkippedRecord> leftOut = faces.map(f -> selection.value().leftOut(f.source(), f.identity(),
                f.contentHash())).filter(s -> s != null);
        SkipTally tally = census.tally().plus(new SkipTally(0, Map.of(SkipReason.DUPLICATE, duplicates,
                SkipReason.FILTERED, labels.leftOutImages())));

        OutputFormat output = settings.outputFormat();
        List<ShardFile> shards = output.writesParquet()
                ? writeShards(context, passOne, selection, labels.keptImages(), labels.keptBytes(), target)
                : List.of();
        List<ShardFile> files = new ArrayList<>();
        if (output.writesRecordIo()) {
            files.addAll(writeRecordIo(context, passOne, selection, labels, target));
        }
        removeSpill(target);
        files.addAll(writeSkipped(context,
                summaries.filter(r -> !r.isFace()).map(RecordSummary::skipped).union(leftOut), tally, target));
        Counts counts = Counts.builder().read(tally.read()).written(labels.keptImages()).skipped(tally.skipped())
                .duplicates(tally.count(SkipReason.DUPLICATE)).classes(labels.classes()).build();
        Manifest manifest = Manifest.builder(DatasetKind.TRAIN).counts(counts).shards(shards).files(files)
                .parameters(parameters()).build();
        target.writeFile(ShardSchema.MANIFEST_FILE, manifest.toJson());
        summarize(tally, target);
        log.printf(Locale.ROOT, "ingest: wrote %,d images of %,d identities into %s%n", counts.written(),
                counts.classes(), String.join(" and ", outputs(shards.size(), output)));
        return new IngestReport(target.target().toString(), manifest, 0);
    }

    private IngestReport writeEvaluation(SourceContext context, EvaluationSource evaluation,
            PassOneSummaries passOne, JavaRDD<RecordSummary> summaries, SkipTally tally,
            HadoopAtomicOutput target) throws IOException {
        OutputFormat output = settings.outputFormat();
        JavaRDD<RecordSummary> written = summaries.filter(RecordSummary::isFace);
        long images = tally.read() - tally.skipped();
        long bytes = images == 0 ? 0 : written.map(f -> (long) f.imageBytes()).reduce(Long::sum);
        List<ShardFile> shards = output.writesParquet()
                ? writeShards(context, passOne, null, images, bytes, target)
                : List.of();

        Set<String> keys = new HashSet<>(written.map(RecordSummary::key).collect());
        Set<String> templates = new HashSet<>(written.filter(f -> f.templateId() != null)
                .map(f -> f.templateId().toString()).distinct().collect());
        Map<String, Protocol> protocols = new LinkedHashMap<>();
        for (Protocol protocol : evaluation.protocols(context)) {
            protocols.put(protocol.name(), protocol);
        }
        Map<String, PairTally> pairCounts = new LinkedHashMap<>();
        Map<String, List<PairRow>> keptPairs = new LinkedHashMap<>();
        protocols.keySet().forEach(name -> {
            pairCounts.put(name, new PairTally());
            keptPairs.put(name, new ArrayList<>());
        });
        List<ShardFile> files = new ArrayList<>();
        try (PairTable pairs = output.writesParquet()
                ? PairTable.create(spark.hadoopConfiguration(), target.staging(), settings.rowGroupBytes())
                : null) {
            evaluation.pairs(context, pair -> {
                Protocol protocol = protocols.get(pair.protocol());
                if (protocol == null) {
                    throw new IllegalStateException("pair of undeclared protocol " + pair.protocol());
                }
                Set<String> sides = protocol.pairsTemplates() ? templates : keys;
                PairTally count = pairCounts.get(pair.protocol());
                if (sides.contains(pair.left()) && sides.contains(pair.right())) {
                    if (pairs != null) {
                        pairs.add(pair);
                    } else {
                        keptPairs.get(pair.protocol()).add(pair);
                    }
                    count.keep(pair.same());
                } else {
                    count.leaveOut();
                }
            });
            if (pairs != null) {
                files.add(pairs.finish());
            }
        }
        if (output.writesVerificationBin()) {
            files.addAll(VerificationBins.write(passOne.summaries(), target.staged(SPILL), spark.hadoopConfiguration(),
                    keptPairs, target));
        }
        removeSpill(target);
        Optional<EvaluationSource.Identification> identification = evaluation.identification();
        if (identification.isPresent()) {
            files.add(IdentificationTable.write(spark.hadoopConfiguration(), target.staging(),
                    identification.get().protocol(), identification.get().lists(), settings.rowGroupBytes()));
        }
        files.addAll(writeSkipped(context, summaries.filter(r -> !r.isFace()).map(RecordSummary::skipped), tally,
                target));
        List<ProtocolEntry> entries = new ArrayList<>();
        long dropped = 0;
        for (Protocol protocol : protocols.values()) {
            PairTally count = pairCounts.get(protocol.name());
            entries.add(new ProtocolEntry(protocol.name(), protocol.kind(), count.kept(), count.genuine()));
            dropped += count.leftOut();
            if (count.leftOut() > 0) {
                log.printf(Locale.ROOT, "ingest: warning: left out %,d of %,d %s pairs: a side was not written "
                        + "(see skipped.csv)%n", count.leftOut(), count.kept() + count.leftOut(), protocol.name());
            }
        }
        Counts counts = Counts.builder().read(tally.read()).written(images).skipped(tally.skipped()).build();
        Manifest manifest = Manifest.builder(DatasetKind.EVAL).counts(counts).shards(shards).files(files)
                .protocols(entries).parameters(parameters()).build();
        target.writeFile(ShardSchema.MANIFEST_FILE, manifest.toJson());
        summarize(tally, target);
        String into = output.writesVerificationBin()
                ? protocols.keySet().stream().map(name -> name + VerificationBins.SUFFIX)
                        .collect(Collectors.joining(", "))
                : shards.size() + " shard" + (shards.size() == 1 ? "" : "s");
        log.printf(Locale.ROOT, "ingest: wrote %,d images into %s and %,d pairs of %s%n", images, into,
                entries.stream().mapToLong(ProtocolEntry::pairs).sum(), String.join(", ", protocols.keySet()));
        return new IngestReport(target.target().toString(), manifest, dropped);
    }

    /**
     * Shuffles the written faces' summaries into shards by the seeded hash of their source and writes one file per
     * shard, each face's bytes read from its spill file.
     *
     * @param selection which training faces are written and their labels; {@code null} writes every face
     */
    private List<ShardFile> writeShards(SourceContext context, PassOneSummaries passOne,
            Broadcast<TrainingSelection> selection, long images, long bytes, HadoopAtomicOutput target) {
        int shards = shardCount(images, bytes);
        WriteShards.Builder writer = WriteShards.builder().directory(target.staging().toString())
                .spillFolder(target.staged(SPILL).toString()).kind(source.kind())
                .rowGroupBytes(settings.rowGroupBytes()).hadoop(context.hadoopForExecutors());
        if (selection != null) {
            writer.finish(TrainingSelection.labelling(selection));
        }
        List<ShardFile> files = new ArrayList<>(passOne
                .arranged(new ShardRows(settings.seed(), shards, selection), new ShardPartitioner(shards))
                .mapPartitionsWithIndex(writer.build(), true)
                .collect().stream().map(WrittenFile::toShardFile).toList());
        files.sort(Comparator.comparing(ShardFile::file));
        return files;
    }

    /**
     * Writes {@code train.rec}, {@code train.idx} and {@code property}: the written faces' summaries range-partitioned
     * by label, a part per partition (each face read from its spill file), joined on the driver.
     */
    private List<ShardFile> writeRecordIo(SourceContext context, PassOneSummaries passOne,
            Broadcast<TrainingSelection> selection, IdentityLabels labels, HadoopAtomicOutput target)
            throws IOException {
        int parts = Math.max(shardCount(labels.keptImages(), labels.keptBytes()), spark.defaultParallelism());
        RecordIoPlan plan = RecordIoPlan.of(labels.imagesPerLabel(), parts);
        Path partsFolder = target.staged(RECORDIO_PARTS);
        List<RecordIoPart> written = passOne.arranged(new RecordIoRows(selection), plan)
                .mapPartitionsWithIndex(new WriteRecordIoParts(partsFolder.toString(), target.staged(SPILL).toString(),
                        plan,
                        context.hadoopForExecutors()), true)
                .collect();
        return RecordIoAssembly.assemble(target.fileSystem(), target.staging(),
                settings.outputFormat().recordIoFolder(), written, partsFolder, labels.classes());
    }

    /** What a training run wrote, for the summary line. */
    private static List<String> outputs(int shards, OutputFormat output) {
        List<String> outputs = new ArrayList<>();
        if (output.writesParquet()) {
            outputs.add(shards + " shard" + (shards == 1 ? "" : "s"));
        }
        if (output.writesRecordIo()) {
            outputs.add(output.recordIoFolder() + ShardSchema.RECORDIO_FILE);
        }
        return outputs;
    }

    /** How many shards: from {@code ingest.shard-rows} when set, else from the bytes and {@code ingest.shard-mb}. */
    int shardCount(long images, long bytes) {
        long count = settings.shardRows() > 0
                ? (images + settings.shardRows() - 1) / settings.shardRows()
                : (long) Math.ceil(bytes / (settings.shardMegabytes() * 1024 * 1024));
        return (int) Math.max(1, Math.min(count, Math.max(1, images)));
    }

    /**
     * Writes the skipped table: sorted by source and reason in one Spark task, or on the driver, without a Spark job,
     * when {@code tally} says nothing was skipped.
     */
    private List<ShardFile> writeSkipped(SourceContext context, JavaRDD<SkippedRecord> skipped, SkipTally tally,
            HadoopAtomicOutput target) throws IOException {
        if (tally.skipped() == 0) {
            return SkippedTable.write(spark.hadoopConfiguration(), target.staging(), "driver",
                    settings.rowGroupBytes(), Collections.emptyIterator());
        }
        return skipped.mapToPair(s -> new Tuple2<>(s.source() + "\n" + s.reason().name(), s))
                .sortByKey(true, 1)
                .values()
                .mapPartitions(new WriteSkipped(target.staging().toString(), settings.rowGroupBytes(),
                        context.hadoopForExecutors()))
                .collect().stream().map(WrittenFile::toShardFile).toList();
    }

    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>(settings.manifestParameters());
        parameters.put("input", input);
        return parameters;
    }

    private void summarize(SkipTally tally, HadoopAtomicOutput target) {
        if (tally.skipped() > 0) {
            log.printf(Locale.ROOT, "ingest: warning: skipped %,d of %,d records (%.2f %%): %s; each is listed in %s%n",
                    tally.skipped(), tally.read(), 100.0 * tally.skipped() / tally.read(), tally.reasons(false),
                    new Path(target.target(), ShardSchema.SKIPPED_CSV));
        }
    }

    /** Orders skipped records by source, then reason, for the examples in an error message. */
    private static final class SkippedBySource implements Comparator<SkippedRecord>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(SkippedRecord a, SkippedRecord b) {
            int bySource = a.source().compareTo(b.source());
            return bySource != 0 ? bySource : a.reason().compareTo(b.reason());
        }
    }
}
