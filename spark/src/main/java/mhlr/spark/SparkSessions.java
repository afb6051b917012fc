package mhlr.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession of a job. The master is, in order: the {@code --master} flag; the one spark-submit
 * set (system property {@code spark.master}); the config key {@code spark.master} ({@code local[*]}).
 * A cluster master started from the embedded launcher gets the application jars of {@code MHLR_APP_JARS}
 * as {@code spark.jars}, so executors load the same classes spark-submit would ship. Keys under
 * {@code spark.conf} are passed through as Spark properties.
 *
 * <p>On a local master the executor is this JVM, and Spark's executor ends the JVM (exit 52 on an out-of-memory
 * error) when a task dies of a fatal error: no one-line cause, no exit code of the CLI contract, the staging
 * directory left behind. Local sessions therefore set {@code spark.executor.killOnFatalError.depth} to 0: the task
 * fails like any other, the job fails with the error as its cause, and the command exits 1 after removing its
 * staging. On a cluster an executor that dies this way is lost and the driver fails the job the same way.
 */
public final class SparkSessions {
    /** The environment variable the bin launcher fills with the job's jar and its dependencies (comma-separated). */
    public static final String APP_JARS = "MHLR_APP_JARS";

    /** How deep Spark looks in a failed task's causes for a fatal error that should end the executor's JVM. */
    static final String KILL_ON_FATAL_ERROR_DEPTH = "spark.executor.killOnFatalError.depth";

    private SparkSessions() {
    }

    /** The session for a job, from its config and an optional {@code --master} flag. */
    public static SparkSession start(Config config, Optional<String> master) {
        SparkSession.Builder builder = SparkSession.builder().appName(config.getString("spark.app-name"));
        String chosen = master.orElseGet(() -> Optional.ofNullable(System.getProperty("spark.master"))
                .orElse(config.getString("spark.master")));
        builder.master(chosen);
        if (chosen.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            builder.config("spark.ui.enabled", "false");
            builder.config(KILL_ON_FATAL_ERROR_DEPTH, "0");
        } else if (master.isPresent() && System.getenv(APP_JARS) != null) {
            builder.config("spark.jars", System.getenv(APP_JARS));
        }
        builder.config("spark.sql.session.timeZone", "UTC");
        for (Map.Entry<String, ConfigValue> entry : config.getConfig("spark.conf").entrySet()) {
            builder.config(unquote(entry.getKey()), String.valueOf(entry.getValue().unwrapped()));
        }
        return builder.getOrCreate();
    }

    private static String unquote(String key) {
        return key.replace("\"", "");
    }
}
