package mhlr.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the SparkSession of a job. The master is, in order: the {@code --master} flag; the one spark-submit
 * set (system property {@code spark.master}); the config key {@code spark.master} ({@code local[*]}).
 * A cluster master started from the embedded launcher gets the application jars of {@code MHLR_APP_JARS}
 * as {@code spark.jars}, so executors load the same classes spark-submit would ship.
 *
 * <p>On a local master the executor is this JVM, and Spark's executor ends the JVM (exit 52 on an out-of-memory
 * error) when a task dies of a fatal error: no one-line cause, no exit code of the CLI contract, the staging
 * directory left behind. Local sessions therefore set {@code spark.executor.killOnFatalError.depth} to 0: the task
 * fails like any other, the job fails with the error as its cause, and the command exits 1 after removing its
 * staging. On a cluster an executor that dies this way is lost and the driver fails the job the same way.
 *
 * <p>Spark properties, later ones winning: Spark's own sources (spark-submit's {@code --conf} and
 * {@code spark-defaults.conf}, {@code -Dspark.*} system properties); the entries of the config key
 * {@code spark.conf}; the job's {@code --conf} flags. Spark's defaults hold otherwise: the UI is on (port 4040, or
 * the next free one), which the test harness turns off with {@code -Dspark.ui.enabled=false};
 * {@code spark.eventLog.enabled} and {@code spark.eventLog.dir} write the log the history server replays.
 * Local paths go through {@link PosixLocalFileSystem} unless spark-submit or the config names another class.
 * The application is named {@code mhlr-JOB: INPUT} unless a {@code spark.app.name} property or spark-submit's
 * {@code --name} names it.
 */
public final class SparkSessions {
    /** The environment variable the bin launcher fills with the job's jar and its dependencies (comma-separated). */
    public static final String APP_JARS = "MHLR_APP_JARS";

    /** How deep Spark looks in a failed task's causes for a fatal error that should end the executor's JVM. */
    static final String KILL_ON_FATAL_ERROR_DEPTH = "spark.executor.killOnFatalError.depth";

    /** The Hadoop property, as a Spark one, naming the class of {@code file:} paths: {@link PosixLocalFileSystem}. */
    public static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";

    private SparkSessions() {
    }

    /** The session for a job, from its config and its command line's Spark flags. */
    public static SparkSession start(Config config, SparkJob job) {
        SparkSession.Builder builder = SparkSession.builder()
                .appName(applicationName(job, Optional.ofNullable(System.getProperty("spark.app.name"))));
        String chosen = job.master().orElseGet(() -> Optional.ofNullable(System.getProperty("spark.master"))
                .orElse(config.getString("spark.master")));
        builder.master(chosen);
        if (chosen.startsWith("local")) {
            builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            builder.config(KILL_ON_FATAL_ERROR_DEPTH, "0");
        } else if (job.master().isPresent() && System.getenv(APP_JARS) != null) {
            builder.config("spark.jars", System.getenv(APP_JARS));
        }
        builder.config("spark.sql.session.timeZone", "UTC");
        if (System.getProperty(LOCAL_FILE_SYSTEM) == null) {
            builder.config(LOCAL_FILE_SYSTEM, PosixLocalFileSystem.class.getName());
        }
        for (Map.Entry<String, ConfigValue> entry : config.getConfig("spark.conf").entrySet()) {
            builder.config(unquote(entry.getKey()), String.valueOf(entry.getValue().unwrapped()));
        }
        job.properties().forEach(builder::config);
        return builder.getOrCreate();
    }

    /**
     * The name to start with: spark-submit's {@code --name} (the system property {@code spark.app.name}) unless it
     * is spark-submit's default, the main class (one of ours, {@code mhlr.*}); otherwise the job's own name.
     * A {@code spark.app.name} in {@code spark.conf} or {@code --conf} replaces it afterwards.
     */
    static String applicationName(SparkJob job, Optional<String> submitted) {
        return submitted.filter(name -> !name.isBlank() && !name.startsWith("mhlr.")).orElse(job.applicationName());
    }

    /**
     * What the job prints when Spark has started: the application's name, id and master, the UI's address (or that
     * it is off), the event log's directory when it is on, and every {@code --conf} property as the running session
     * has it.
     */
    public static List<String> describe(SparkSession session, SparkJob job) {
        SparkContext context = session.sparkContext();
        StringBuilder line = new StringBuilder("Spark application '").append(context.appName()).append("' (")
                .append(context.applicationId()).append(") on ").append(context.master()).append(", ");
        if (context.uiWebUrl().isDefined()) {
            line.append("UI ").append(context.uiWebUrl().get());
        } else {
            line.append("UI off (spark.ui.enabled=false)");
        }
        if (context.getConf().getBoolean("spark.eventLog.enabled", false)) {
            line.append(", event log in ").append(context.getConf().get("spark.eventLog.dir", "/tmp/spark-events"))
                    .append(" (spark.eventLog.enabled)");
        }
        List<String> lines = new ArrayList<>(List.of(line.toString()));
        if (!job.properties().isEmpty()) {
            List<String> effective = job.properties().keySet().stream()
                    .map(key -> key + "=" + session.conf().getOption(key).getOrElse(() -> "(unset)")).toList();
            lines.add("Spark properties of --conf, as the session has them: " + String.join(", ", effective));
        }
        return lines;
    }

    private static String unquote(String key) {
        return key.replace("\"", "");
    }
}
