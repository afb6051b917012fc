package mhlr.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * A Spark home assembled from Maven's copies of Spark's jars, since no Spark distribution exists here. It has the
 * layout the Spark launcher library expects of a distribution: {@code jars/} (links to every jar Spark brings),
 * {@code conf/log4j2.properties}, and {@code bin/spark-class} and {@code bin/spark-submit} (reduced versions of the
 * distribution's scripts: the launcher library builds the java command, the script runs it). A worker starts its
 * executors from this home, exactly as from a downloaded Spark.
 */
final class SparkHome {
    private static final String RESOURCES = "/mhlr/cluster/";

    private final Path directory;

    private SparkHome(Path directory) {
        this.directory = directory;
    }

    /**
     * Assembles a Spark home at {@code directory} from a class path file (one line, entries joined by the path
     * separator), as {@code dependency:build-classpath} writes it.
     */
    static SparkHome assemble(Path directory, Path classPathFile) {
        List<Path> jars = readClassPath(classPathFile);
        if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("spark-core_"))) {
            throw new IllegalStateException(classPathFile + " names no spark-core jar: not Spark's class path");
        }
        try {
            Files.createDirectories(directory.resolve("jars"));
            for (Path jar : jars) {
                Files.createSymbolicLink(directory.resolve("jars").resolve(jar.getFileName()), jar.toAbsolutePath());
            }
            Files.createDirectories(directory.resolve("conf"));
            copyResource("log4j2.properties", directory.resolve("conf/log4j2.properties"));
            Files.createDirectories(directory.resolve("bin"));
            for (String script : List.of("spark-class", "spark-submit")) {
                Path target = directory.resolve("bin").resolve(script);
                copyResource("bin/" + script, target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot assemble a Spark home at " + directory, e);
        }
        return new SparkHome(directory);
    }

    /** The home directory (what {@code SPARK_HOME} names). */
    Path directory() {
        return directory;
    }

    /** The class path of Spark's daemons: {@code conf/} and every jar in {@code jars/}. */
    String daemonClassPath() {
        return directory.resolve("conf") + "/:" + directory.resolve("jars") + "/*";
    }

    private static List<Path> readClassPath(Path classPathFile) {
        try {
            String text = Files.readString(classPathFile).strip();
            return Arrays.stream(text.split(java.io.File.pathSeparator))
                    .filter(entry -> !entry.isBlank())
                    .map(Path::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Spark's class path from " + classPathFile, e);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = SparkHome.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCES + name + " is missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
