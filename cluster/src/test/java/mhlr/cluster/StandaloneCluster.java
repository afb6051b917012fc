package mhlr.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a master and {@code n} workers, each its own JVM started from an
 * assembled {@link SparkHome}, each worker with 1 core and 2 GB and its work and local directories under the
 * cluster's own folder in {@code target/}. Executors are forked by the workers as in any standalone deployment.
 *
 * <p>Every process started (daemons, jobs run through {@link #scripts()}, and all their descendants) is recorded in
 * a {@link ProcessLedger} and stopped by its own PID in {@link #close()}; a JVM shutdown hook does the same when the
 * test JVM ends early.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start("ingest", 2)) {
 *     cluster.scripts().run("ingest", List.of("--master", cluster.masterUrl(), ...), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofMinutes(3);
    private static final String WORKER_MEMORY = "2g";
    /** The daemons only keep books: a small heap, one GC thread, no C2 compiler to compete for the 2 cores. */
    private static final List<String> DAEMON_JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final Path root;
    private final SparkHome home;
    private final ProcessLedger ledger = new ProcessLedger();
    private final Thread shutdownHook;
    private final List<Worker> workers = new ArrayList<>();
    private final List<ProcessHandle> daemons = new ArrayList<>();
    private int masterPort;
    private int masterWebUiPort;
    private boolean closed;

    /** A worker daemon: its process, and the folder holding its log, work and local directories. */
    record Worker(String name, ProcessHandle process, Path directory) {
        /** Where the worker runs its executors: one folder per application and executor, with their logs. */
        Path workDirectory() {
            return directory.resolve("work");
        }
    }

    private StandaloneCluster(Path root, SparkHome home) {
        this.root = root;
        this.home = home;
        this.shutdownHook = new Thread(ledger::close, "mhlr-cluster-shutdown-" + root.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a master and {@code workerCount} workers in a new folder named after {@code name} under the build's
     * cluster folder, and waits until every worker has registered with the master.
     */
    static StandaloneCluster start(String name, int workerCount) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path root = ClusterSettings.workRoot().resolve(name + "-" + stamp);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        SparkHome home = SparkHome.assemble(root.resolve("spark-home"), ClusterSettings.sparkClassPath());
        StandaloneCluster cluster = new StandaloneCluster(root, home);
        try {
            cluster.startMaster();
            for (int i = 1; i <= workerCount; i++) {
                cluster.startWorker("worker-" + i);
            }
            cluster.awaitWorkers(workerCount);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The URL jobs give as {@code --master}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The cluster's folder: Spark home, daemon logs, worker directories, job outputs of the tests. */
    Path root() {
        return root;
    }

    /** The assembled Spark home the daemons run from. */
    SparkHome home() {
        return home;
    }

    /** The workers started, in order. */
    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** Every process started for this cluster and the jobs run on it, with their descendants. */
    ProcessLedger ledger() {
        return ledger;
    }

    /** Runs the checkout's bin/ scripts as jobs of this cluster's tests (recorded in its ledger). */
    BinScripts scripts() {
        return new BinScripts(ClusterSettings.mhlrHome(), ledger, root);
    }

    /**
     * The Spark properties a job on this cluster needs beyond {@code --master}, as {@code --set} arguments of the
     * bin scripts: the executors' JVM options (ND4J's native library cache; Spark adds the module opens itself),
     * and, for the tests' sake, that the job waits for an executor on every worker before it starts.
     */
    List<String> jobSettings() {
        return List.of(
                "--set", "spark.conf.\"spark.executor.extraJavaOptions\"=" + executorJavaOptions(),
                "--set", "spark.conf.\"spark.scheduler.minRegisteredResourcesRatio\"=1.0",
                "--set", "spark.conf.\"spark.scheduler.maxRegisteredResourcesWaitingTime\"=180s");
    }

    /** The executors' extra JVM options. */
    static String executorJavaOptions() {
        return "-Dorg.bytedeco.javacpp.cachedir=" + ClusterSettings.javacppCacheDirectory();
    }

    /** What the master reports now. */
    MasterStatus status() {
        try {
            return MasterStatus.fetch(masterWebUiPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master's status", e);
        }
    }

    /**
     * Kills a worker JVM with SIGKILL, as a lost machine would vanish, and returns the executors it had forked.
     * They notice their worker is gone and end by themselves; {@link #close()} ends them if they do not.
     */
    List<ProcessHandle> killWorker(Worker worker) {
        List<ProcessHandle> executors = ledger.descendantsOf(worker.process());
        worker.process().destroyForcibly();
        try {
            worker.process().onExit().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot wait for worker " + worker.name() + " to end", e);
        }
        return executors;
    }

    /** The number of tasks that executors on this cluster have finished so far (from their logs). */
    long finishedTasks() {
        return finishedTasksByWorker().stream().mapToLong(Long::longValue).sum();
    }

    /** Per worker, in order: the tasks its executors have finished so far (from their logs). */
    List<Long> finishedTasksByWorker() {
        return workers.stream()
                .map(worker -> executorLogLines(worker).filter(line -> line.contains("Finished task")).count())
                .toList();
    }

    /** The last lines of every daemon and executor log, for a failure message. */
    String logTails(int lines) {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path log : files.filter(StandaloneCluster::isLog).sorted().toList()) {
                List<String> all = Files.readAllLines(log);
                text.append("==> ").append(root.relativize(log)).append('\n');
                all.subList(Math.max(0, all.size() - lines), all.size())
                        .forEach(line -> text.append(line).append('\n'));
            }
        } catch (IOException e) {
            text.append("(cannot read the logs: ").append(e.getMessage()).append(")\n");
        }
        return text.toString();
    }

    /**
     * Processes of this cluster that still run: recorded ones, and any other whose command line names this
     * cluster's folder (the daemons', executors' and jobs' all do).
     */
    List<String> survivors() {
        ledger.recordDescendants();
        List<String> found = new ArrayList<>(ledger.survivors().stream().map(ProcessLedger::describe).toList());
        String marker = root.toString();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .filter(ProcessLedger::isRunning)
                .map(ProcessLedger::describe)
                .filter(description -> !found.contains(description))
                .forEach(found::add);
        return found;
    }

    /** Stops every process of this cluster by its PID: jobs, executors, workers, master. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ledger.close();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: it stops the same processes
        }
    }

    private void startMaster() {
        List<Integer> ports = FreePorts.take(2);
        masterPort = ports.get(0);
        masterWebUiPort = ports.get(1);
        Path directory = root.resolve("master");
        // No REST submission server: it would take the fixed port 6066.
        startDaemon("master", directory, List.of("-Dspark.master.rest.enabled=false"), Map.of(),
                "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", Integer.toString(masterPort),
                        "--webui-port", Integer.toString(masterWebUiPort)));
    }

    private void startWorker(String name) {
        List<Integer> ports = FreePorts.take(2);
        Path directory = root.resolve(name);
        ProcessHandle process = startDaemon(name, directory, List.of(),
                Map.of("SPARK_LOCAL_DIRS", directory.resolve("local").toString()),
                "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--port", Integer.toString(ports.get(0)),
                        "--webui-port", Integer.toString(ports.get(1)), "--cores", "1", "--memory", WORKER_MEMORY,
                        "--work-dir", directory.resolve("work").toString(), masterUrl()));
        workers.add(new Worker(name, process, directory));
    }

    private ProcessHandle startDaemon(String name, Path directory, List<String> jvmOptions,
            Map<String, String> environment, String mainClass, List<String> arguments) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        List<String> command = new ArrayList<>();
        command.add(ClusterSettings.javaCommand());
        command.addAll(ClusterSettings.jvmOptions());
        command.addAll(DAEMON_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(home.daemonClassPath());
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.remove("SPARK_CONF_DIR");
        env.put("SPARK_HOME", home.directory().toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.putAll(environment);
        ProcessHandle daemon = ledger.start(builder).toHandle();
        daemons.add(daemon);
        return daemon;
    }

    private void awaitWorkers(int count) {
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        String last = "no answer from the master yet";
        while (System.nanoTime() < deadline) {
            List<String> dead = daemons.stream().filter(process -> !process.isAlive())
                    .map(ProcessLedger::describe).toList();
            if (!dead.isEmpty()) {
                throw new IllegalStateException("a cluster daemon ended during start-up: " + dead + "\n" + logTails(40));
            }
            try {
                MasterStatus status = MasterStatus.fetch(masterWebUiPort);
                if (status.aliveWorkers() == count) {
                    return;
                }
                last = status.aliveWorkers() + " of " + count + " workers registered";
            } catch (IOException e) {
                last = e.toString();
            }
            pause(250);
        }
        throw new IllegalStateException("the cluster did not come up within " + REGISTRATION_TIMEOUT.toSeconds()
                + " s (" + last + ")\n" + logTails(40));
    }

    private static Stream<String> executorLogLines(Worker worker) {
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(worker.workDirectory())) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(worker.workDirectory())) {
            for (Path log : files.filter(file -> file.getFileName().toString().equals("stderr")).toList()) {
                lines.addAll(Files.readAllLines(log));
            }
        } catch (IOException | UncheckedIOException e) {
            // an executor folder appearing or being cleaned while we look: counted on the next call
        }
        return lines.stream();
    }

    private static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".log") || name.equals("stderr"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
