package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

class DriverProgressTest {

    @Test
    void countsEveryRecordOfEveryTaskAndPrintsRateAndTotal() {
        SparkSession spark = SharedLocalSpark.session();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        long done;
        try (DriverProgress progress = DriverProgress.start(spark.sparkContext(), "test", "images",
                Duration.ofMillis(50), new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            LongAccumulator counter = progress.counter();
            progress.expect(1000);
            context.parallelize(IntStream.range(0, 1000).boxed().toList(), 7).foreach(x -> counter.add(1));
            waitFor(() -> progress.done() == 1000);
            done = progress.done();
        }
        assertEquals(1000, done);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("test: 1,000 of 1,000 images (100.0 %)"), text);
        assertTrue(text.contains("images/s"), text);
    }

    @Test
    void lineShowsEtaWhileUnfinishedAndNoTotalWhenUnknown() {
        SparkSession spark = SharedLocalSpark.session();
        try (DriverProgress progress = DriverProgress.start(spark.sparkContext(), "job", "records",
                Duration.ofHours(1), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            assertEquals("job: 0 records, 0 records/s, elapsed 0:00:10", progress.line(0, 10_000_000_000L));
            progress.expect(400);
            assertEquals("job: 100 of 400 records (25.0 %), 10 records/s, ETA 0:00:30",
                    progress.line(100, 10_000_000_000L));
        }
    }

    @Test
    void anEstimateIsShownAsAboutAndDroppedOnceTheCountPassesIt() {
        SparkSession spark = SharedLocalSpark.session();
        try (DriverProgress progress = DriverProgress.start(spark.sparkContext(), "job", "records",
                Duration.ofHours(1), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            progress.expectAbout(400);
            assertEquals("job: 100 of about 400 records (25.0 %), 10 records/s, ETA 0:00:30",
                    progress.line(100, 10_000_000_000L));
            assertEquals("job: 450 records, 45 records/s, elapsed 0:00:10", progress.line(450, 10_000_000_000L));
            progress.expect(500);
            assertEquals("job: 450 of 500 records (90.0 %), 45 records/s, ETA 0:00:01",
                    progress.line(450, 10_000_000_000L));
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
