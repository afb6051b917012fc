package mhlr.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mhlr.spark.SharedLocalSpark;

/**
 * Runs {@code bin/ingest} in the test JVM on the shared local Spark session and keeps its exit code and stderr.
 *
 * @param exitCode the CLI contract's code
 * @param stderr what the job printed on stderr
 */
public record IngestRun(int exitCode, String stderr) {

    /** Runs the job with these command-line arguments (progress every second). */
    public static IngestRun of(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--set";
        all[args.length + 1] = "ingest.progress-seconds=1";
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = IngestJob.run(SharedLocalSpark.session(), all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new IngestRun(code, err.toString(StandardCharsets.UTF_8));
    }
}
