package mhlr.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs the checkout's {@code bin/} scripts as child processes, the way a user runs them, with the output of each
 * run in its own log file under the cluster's folder. Every run is recorded in the cluster's {@link ProcessLedger}.
 * The environment: {@code MHLR_OFFLINE=1}; {@code SPARK_LOCAL_IP=127.0.0.1} (the driver binds where the workers are);
 * no {@code SPARK_HOME} unless a run asks for one (then the launcher goes through spark-submit); and
 * {@code MHLR_JAVA_OPTS} naming the cluster's folder, so a stray driver is found by its command line, and turning
 * Spark's UI off as every test does.
 */
final class BinScripts {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path mhlrHome;
    private final ProcessLedger ledger;
    private final Path clusterRoot;

    BinScripts(Path mhlrHome, ProcessLedger ledger, Path clusterRoot) {
        this.mhlrHome = mhlrHome;
        this.ledger = ledger;
        this.clusterRoot = clusterRoot;
    }

    /** A script that was started: its process and the file its output goes to. */
    record Run(String script, Process process, Path log) {
        /** Waits for the end; a run still going after {@code timeout} is killed and reported as a failure. */
        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("bin/" + script + " did not end within " + timeout.toSeconds()
                            + " s; its output:\n" + output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for bin/" + script, e);
            }
            return new Result(script, process.exitValue(), output());
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e.getMessage() + ")";
            }
        }
    }

    /** A finished run. */
    record Result(String script, int exitCode, String output) {
        /** This result, or an AssertionError with the output when the exit code is not 0. */
        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("bin/" + script + " exited " + exitCode + "; its output:\n" + output);
            }
            return this;
        }
    }

    /** Runs a script to its end. */
    Result run(String script, List<String> arguments, Duration timeout) {
        return start(script, arguments, Optional.empty()).await(timeout);
    }

    /** Starts a script; {@code sparkHome}, when given, becomes {@code SPARK_HOME} (the spark-submit route). */
    Run start(String script, List<String> arguments, Optional<SparkHome> sparkHome) {
        Path executable = mhlrHome.resolve("bin").resolve(script);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " does not exist or is not executable");
        }
        Path log = clusterRoot.resolve("runs").resolve(String.format("%02d-%s.log", RUNS.incrementAndGet(), script));
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + log.getParent(), e);
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(clusterRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("MHLR_OFFLINE", "1");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_HOME");
        env.remove("SPARK_CONF_DIR");
        env.put("MHLR_JAVA_OPTS", "-Dmhlr.cluster.root=" + clusterRoot + " -Dspark.ui.enabled=false"
                + " -Dorg.bytedeco.javacpp.cachedir=" + ClusterSettings.javacppCacheDirectory());
        sparkHome.ifPresent(home -> env.put("SPARK_HOME", home.directory().toString()));
        return new Run(script, ledger.start(builder), log);
    }

    /**
     * Fails unless a module's launcher inputs are built and up to date: its jar and class path files exist and no
     * source, pom or conf file is newer than them (the rule of {@code bin/lib/launch.sh}), so a script run by a test
     * starts the packaged job at once instead of rebuilding it.
     */
    static void requirePackaged(Path mhlrHome, String module) {
        Path target = mhlrHome.resolve(module).resolve("target");
        Path stamp = target.resolve("classpath.txt");
        boolean jar = false;
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jar = files.anyMatch(file -> file.getFileName().toString().matches("mhlr-" + module
                        + "-.*(?<!-tests|-sources)\\.jar"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + target, e);
            }
        }
        if (!jar || !Files.isRegularFile(stamp) || !Files.isRegularFile(target.resolve("provided-classpath.txt"))) {
            throw new IllegalStateException(module + " is not packaged (no jar or class path files in " + target
                    + "): the cluster tests run after it in ./mvnw verify, or run ./mvnw -pl " + module
                    + " -am package first");
        }
        List<Path> inputs = List.of(mhlrHome.resolve(module).resolve("src/main"), mhlrHome.resolve("core/src/main"),
                mhlrHome.resolve("conf"), mhlrHome.resolve("pom.xml"), mhlrHome.resolve(module).resolve("pom.xml"),
                mhlrHome.resolve("core/pom.xml"));
        try {
            long built = Files.getLastModifiedTime(stamp).toMillis();
            for (Path input : inputs) {
                if (!Files.exists(input)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(input)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(file -> lastModified(file) > built).findFirst();
                    if (newer.isPresent()) {
                        throw new IllegalStateException(newer.get() + " is newer than " + stamp + ": bin/ would rebuild "
                                + module + " during the test; run ./mvnw -pl " + module + " -am package first");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check whether " + module + " is up to date", e);
        }
    }

    private static long lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
