package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;

class SparkJobTest {
    private static final CommandLine CLI = SparkJob.flags(CommandLine.builder("bin/job", "Runs on Spark.")
            .required("--input", "PATH", "what to read")).build();

    @Test
    void confFlagsInBothFormsBecomePropertiesLaterOnesWinning() {
        Arguments arguments = CLI.parse("--input", "/data/faces", "--conf", "spark.sql.shuffle.partitions=7",
                "--conf=spark.eventLog.dir=file:/tmp/a=b", "--conf", "spark.sql.shuffle.partitions=9",
                "--master", "local[1]");
        SparkJob job = SparkJob.from("ingest", arguments, "--input");
        assertEquals(Map.of("spark.sql.shuffle.partitions", "9", "spark.eventLog.dir", "file:/tmp/a=b"),
                job.properties());
        assertEquals(Optional.of("local[1]"), job.master());
    }

    @Test
    void confWithoutKeyValueOrOutsideSparkIsAUsageErrorNamingIt() {
        UsageException noValue = assertThrows(UsageException.class,
                () -> SparkJob.properties(List.of("spark.ui.enabled")));
        assertTrue(noValue.getMessage().contains("'spark.ui.enabled'"), noValue.getMessage());
        UsageException notSpark = assertThrows(UsageException.class,
                () -> SparkJob.properties(List.of("ingest.parts=[0]")));
        assertTrue(notSpark.getMessage().contains("'ingest.parts' is not a Spark property"), notSpark.getMessage());
    }

    @Test
    void applicationIsNamedAfterTheJobAndTheInputsLastElement() {
        assertEquals("mhlr-ingest: WebFace42M",
                new SparkJob("ingest", "/data/WebFace42M/", Optional.empty(), Map.of()).applicationName());
        assertEquals("mhlr-evaluate: ijbc",
                new SparkJob("evaluate", "hdfs://nn:8020/shards/ijbc", Optional.empty(), Map.of()).applicationName());
        assertEquals("mhlr-ingest: lfw.bin",
                new SparkJob("ingest", "faces_emore/lfw.bin", Optional.empty(), Map.of()).applicationName());
        assertEquals("mhlr-embed: /", new SparkJob("embed", "/", Optional.empty(), Map.of()).applicationName());
    }

    @Test
    void spark_submitsNameIsKeptUnlessItIsItsDefaultTheMainClass() {
        SparkJob job = new SparkJob("ingest", "/data/faces", Optional.empty(), Map.of());
        assertEquals("mhlr-ingest: faces", SparkSessions.applicationName(job, Optional.empty()));
        assertEquals("mhlr-ingest: faces", SparkSessions.applicationName(job, Optional.of("mhlr.ingest.IngestJob")));
        assertEquals("nightly wf42m", SparkSessions.applicationName(job, Optional.of("nightly wf42m")));
    }
}
