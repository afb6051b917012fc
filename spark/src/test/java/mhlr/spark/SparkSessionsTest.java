package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The lines a job prints once Spark is up, on the suite's shared session (its UI is off, as in every test). */
class SparkSessionsTest {

    @Test
    void startLineNamesTheApplicationAndSaysTheUiIsOff() {
        SparkSession spark = SharedLocalSpark.session();
        List<String> lines = SparkSessions.describe(spark,
                new SparkJob("ingest", "/data/faces", Optional.empty(), Map.of()));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Spark application 'mhlr-local' (local-"), lines.get(0));
        assertTrue(lines.get(0).endsWith("on local[2], UI off (spark.ui.enabled=false)"), lines.get(0));
    }

    @Test
    void confPropertiesAreReadBackFromTheRunningSession() {
        SparkSession spark = SharedLocalSpark.session();
        Map<String, String> given = new LinkedHashMap<>();
        given.put("spark.sql.shuffle.partitions", "7");
        given.put("spark.sql.session.timeZone", "Europe/Paris");
        List<String> lines = SparkSessions.describe(spark, new SparkJob("ingest", "in", Optional.empty(), given));
        assertEquals("Spark properties of --conf, as the session has them: spark.sql.shuffle.partitions=4,"
                + " spark.sql.session.timeZone=UTC", lines.get(1));
    }
}
