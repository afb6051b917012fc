package mhlr.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the cluster tests find things, from the system properties the build sets (see this module's pom): the
 * checkout ({@code mhlr.home}), the class path of Spark's jars ({@code mhlr.cluster.spark-classpath}), the folder
 * for cluster runs ({@code mhlr.cluster.work}), ND4J's native library cache ({@code org.bytedeco.javacpp.cachedir}).
 */
final class ClusterSettings {
    private ClusterSettings() {
    }

    /** The checkout: bin/, conf/ and the modules' target/ folders. */
    static Path mhlrHome() {
        return Path.of(required("mhlr.home")).toAbsolutePath().normalize();
    }

    /** The file that lists Spark's jars. */
    static Path sparkClassPath() {
        return Path.of(required("mhlr.cluster.spark-classpath"));
    }

    /** The folder under which each cluster gets its own directory. */
    static Path workRoot() {
        return Path.of(required("mhlr.cluster.work")).toAbsolutePath().normalize();
    }

    /** ND4J's native library cache, shared by the drivers and the executors of the tests. */
    static String javacppCacheDirectory() {
        return System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString());
    }

    /** The JVM options every Spark JVM needs on JDK 17+ (module opens), from {@code bin/lib/jvm-options}. */
    static List<String> jvmOptions() {
        Path file = mhlrHome().resolve("bin/lib/jvm-options");
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The java launcher of the JVM running the tests. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set: run the cluster tests through Maven (./mvnw -pl cluster verify)");
        }
        return value;
    }
}
