package mhlr.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One small local SparkSession per JVM for tests and benchmarks: starting Spark costs seconds, so every test class
 * of a module (Surefire runs them in one JVM) shares it. It is stopped when the JVM exits; callers never stop it
 * themselves. Like {@link SparkSessions}' local sessions, a task's fatal error fails the task instead of ending
 * the JVM, and local paths go through {@link PosixLocalFileSystem}. Published in this module's test-jar, which
 * ingest, evaluate and e2e take in test scope.
 */
public final class SharedLocalSpark {
    private static SparkSession session;

    private SharedLocalSpark() {
    }

    /** The shared session on {@code local[2]}. */
    public static synchronized SparkSession session() {
        return session("local[2]");
    }

    /**
     * The shared session; {@code master} applies only to the first call (a benchmark may want
     * {@code local[*]}).
     */
    public static synchronized SparkSession session(String master) {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("mhlr-local")
                    .master(master)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config(SparkSessions.KILL_ON_FATAL_ERROR_DEPTH, "0")
                    .config(SparkSessions.LOCAL_FILE_SYSTEM, PosixLocalFileSystem.class.getName())
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            SparkSession started = session;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "mhlr-stop-spark"));
        }
        return session;
    }
}
