package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import org.apache.spark.SparkConf;
import org.apache.spark.io.ZStdCompressionCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CLI contract of the Spark jobs ({@code bin/ingest}, {@code bin/evaluate}, {@code bin/embed}) for spark-submit's
 * habits: {@code --conf KEY=VALUE}, everything after {@code --} for spark-submit, an application name per job and
 * input, the UI's address at start and the event log.
 */
class SparkJobsContractTest {

    @ParameterizedTest
    @CsvSource({"ingest, --input, mhlr.ingest.IngestJob", "evaluate, --data, mhlr.evaluate.EvaluateJob",
            "embed, --data, mhlr.evaluate.EmbedJob"})
    void spark_submitGetsTheConfPairsTheApplicationNameAndEverythingAfterDashes(String script, String inputFlag,
            String main, @TempDir Path work) throws Exception {
        Path sparkHome = work.resolve("spark home");
        Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
        Path recorded = work.resolve("argv.txt");
        Files.writeString(submit, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$MHLR_TEST_ARGV\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));

        Outcome outcome = run(script, Map.of("SPARK_HOME", sparkHome.toString(), "MHLR_TEST_ARGV",
                recorded.toString()), inputFlag, work.resolve("faces") + "/", "--output",
                work.resolve("out").toString(),
                "--conf", "spark.sql.shuffle.partitions=7", "--conf=spark.eventLog.enabled=true",
                "--master", "local[2]", "--", "--driver-memory", "2g", "--verbose");

        assertEquals(0, outcome.code, outcome.err);
        List<String> argv = Files.readAllLines(recorded, StandardCharsets.UTF_8);
        int jar = indexOf(argv, List.of("--driver-java-options")) + 2;
        assertTrue(argv.get(jar).endsWith(".jar"), argv.toString());
        List<String> submitOptions = argv.subList(0, jar);
        for (List<String> expected : List.of(List.of("--conf", "spark.sql.shuffle.partitions=7"),
                List.of("--conf", "spark.eventLog.enabled=true"), List.of("--master", "local[2]"),
                List.of("--name", "mhlr-" + script + ": faces"), List.of("--driver-memory", "2g"),
                List.of("--verbose"), List.of("--class", main))) {
            assertTrue(indexOf(submitOptions, expected) >= 0, expected + " not in " + argv);
        }
        assertEquals(List.of(inputFlag, work.resolve("faces") + "/", "--output", work.resolve("out").toString(),
                "--conf", "spark.sql.shuffle.partitions=7", "--conf=spark.eventLog.enabled=true"),
                argv.subList(jar + 1, argv.size()));
    }

    @Test
    void embeddedRunHasTheConfInEffectNamesTheApplicationPrintsTheUiAndWritesTheEventLog(@TempDir Path work)
            throws Exception {
        SampleDataWriter.builder().identities(4).imagesPerIdentity(2).seed(1).threads(1)
                .formats(EnumSet.of(SampleFormat.FOLDERS)).build().write(work.resolve("data"));
        Path events = Files.createDirectories(work.resolve("events"));

        // The harness turns the UI off (-Dspark.ui.enabled=false in MHLR_JAVA_OPTS); --conf wins, on a free port.
        Outcome outcome = run("ingest", Map.of(), "--format", "folders", "--input",
                work.resolve("data/folders").toString(), "--output", work.resolve("out").toString(),
                "--conf", "spark.sql.shuffle.partitions=7", "--conf", "spark.ui.enabled=true",
                "--conf", "spark.ui.port=0", "--conf=spark.eventLog.enabled=true",
                "--conf", "spark.eventLog.dir=" + events.toUri(), "--", "--driver-memory", "1g");

        assertEquals(0, outcome.code, outcome.err);
        assertTrue(outcome.err.contains("bin/ingest: Spark application 'mhlr-ingest: folders' (local-"), outcome.err);
        assertTrue(outcome.err.matches("(?s).*, UI http://127\\.0\\.0\\.1:\\d+, event log in .*"), outcome.err);
        assertTrue(outcome.err.contains("as the session has them: spark.sql.shuffle.partitions=7,"), outcome.err);
        assertTrue(outcome.err.contains("spark.driver.memory=1g"), outcome.err);
        // Spark 4 writes a rolling, zstd-compressed event log by default: a folder eventlog_v2_APP-ID holding
        // events_N_APP-ID.zstd files, read here with Spark's own codec as the history server reads them.
        List<Path> logs;
        try (Stream<Path> files = Files.walk(events)) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertTrue(!logs.isEmpty(), "no event log in " + events);
        StringBuilder log = new StringBuilder();
        for (Path file : logs) {
            try (InputStream in = Files.newInputStream(file); InputStream decoded = file.toString().endsWith(".zstd")
                    ? new ZStdCompressionCodec(new SparkConf()).compressedInputStream(in) : in) {
                log.append(new String(decoded.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(log.toString().contains("\"App Name\":\"mhlr-ingest: folders\""), logs.toString());
        assertTrue(log.toString().contains("\"Event\":\"SparkListenerApplicationEnd\""), logs.toString());
    }

    @Test
    void theHarnessKeepsSparkUiOffInTestJvmsAndInTheScriptsTheyStart() {
        assertEquals("false", System.getProperty("spark.ui.enabled"));
        assertTrue(String.valueOf(System.getenv("MHLR_JAVA_OPTS")).contains("-Dspark.ui.enabled=false"),
                "MHLR_JAVA_OPTS=" + System.getenv("MHLR_JAVA_OPTS"));
    }

    @Test
    void embeddedRunRefusesASpark_submitOnlyOptionNamingIt() throws Exception {
        Outcome outcome = run("ingest", Map.of(), "--input", "in", "--output", "out", "--", "--packages", "a:b:1");
        assertEquals(2, outcome.code, outcome.err);
        assertEquals(1, outcome.err.lines().count(), outcome.err);
        assertTrue(outcome.err.startsWith("bin/ingest: --packages after -- is a spark-submit option"), outcome.err);
    }

    @Test
    void embeddedLauncherGivesTheDriverMemoryToTheJvmAsSpark_submitDoes() throws Exception {
        Path launch = DemoRun.checkout().resolve("bin/lib/launch.sh");
        Process process = new ProcessBuilder("bash", "-c", "source '" + launch + "'; mhlr_embedded_arguments bin/ingest"
                + " --input x -- --driver-memory 2g --name 'my run' --conf spark.a=1;"
                + " printf '%s\\n' \"${mhlr_job_args[@]}\""
                + " ---- \"${mhlr_driver_options[@]}\"").start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(List.of("--input", "x", "--conf", "spark.app.name=my run", "--conf", "spark.a=1", "--conf",
                "spark.driver.memory=2g", "----", "-Xmx2g"), out.lines().toList());
    }

    private static int indexOf(List<String> list, List<String> run) {
        return Collections.indexOfSubList(list, run);
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome run(String script, Map<String, String> environment, String... args) throws Exception {
        Path home = DemoRun.checkout();
        Path err = Files.createTempFile("bin-err", ".txt");
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
            builder.environment().put("MHLR_OFFLINE", "1");
            builder.environment().remove("SPARK_HOME");
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("bin/" + script + " did not finish within 5 minutes");
            }
            return new Outcome(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot run " + command, e);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
