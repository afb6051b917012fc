package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: a master and two worker JVMs come up from the assembled Spark home, an application gets an
 * executor JVM on each worker, and closing the cluster leaves none of these processes running.
 */
class StandaloneClusterIT {

    @Test
    void anApplicationRunsOnBothWorkersAndClosingTheClusterLeavesNoProcessBehind() {
        List<ProcessHandle> recorded;
        List<String> executors;
        StandaloneCluster cluster = StandaloneCluster.start("harness", 2);
        try {
            MasterStatus status = cluster.status();
            assertEquals(2, status.aliveWorkers(), "workers registered: " + status);
            assertTrue(status.workers().stream().allMatch(worker -> worker.cores() == 1), "cores: " + status);

            SparkSession spark = SparkSession.builder()
                    .appName("harness")
                    .master(cluster.masterUrl())
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.executor.memory", "512m")
                    .config("spark.executor.extraJavaOptions", StandaloneCluster.executorJavaOptions())
                    .getOrCreate();
            try {
                assertEquals(2, awaitExecutors(spark, 2), "executors registered with the driver");
                assertEquals(499_500L, spark.range(0, 1000, 1, 8).groupBy().sum("id").first().getLong(0));
                assertEquals(1, cluster.status().activeApplications().size());
                executors = cluster.workers().stream()
                        .flatMap(worker -> cluster.ledger().descendantsOf(worker.process()).stream())
                        .map(ProcessLedger::describe)
                        .filter(command -> command.contains("CoarseGrainedExecutorBackend"))
                        .toList();
            } finally {
                spark.stop();
            }
            recorded = cluster.ledger().all();
            assertTrue(cluster.finishedTasks() >= 8, "tasks finished on the executors: " + cluster.finishedTasks());
        } finally {
            cluster.close();
        }

        assertEquals(2, executors.size(), "one executor JVM forked by each worker: " + executors);
        assertTrue(executors.stream().allMatch(command -> command.contains(StandaloneCluster.executorJavaOptions())),
                "executors carry the extra JVM options: " + executors);
        assertEquals(List.of(), cluster.survivors(), "processes that outlived the cluster");
        assertTrue(recorded.size() >= 5, "master, 2 workers and 2 executors recorded: " + recorded);
        assertTrue(recorded.stream().noneMatch(ProcessLedger::isRunning), "a recorded process still runs");
    }

    /** Waits until {@code count} executors have registered with the driver (at most 3 minutes); returns how many did. */
    private static int awaitExecutors(SparkSession spark, int count) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (executorCount(spark) < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return executorCount(spark);
    }

    private static int executorCount(SparkSession spark) {
        return spark.sparkContext().getExecutorMemoryStatus().size() - 1;
    }
}
