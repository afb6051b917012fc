package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mhlr.core.sample.SampleFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An ingest on the cluster loses a worker JVM (SIGKILL, with the executor it had forked) once its first tasks have
 * finished: Spark re-runs the lost work on the remaining worker, the job completes with exit code 0 and the same
 * manifest as on local[*], and a reader looking at the output directory throughout never sees a partial output.
 */
class WorkerLossIT {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension("worker-loss", 2, "ingest");

    /** Many small tasks, so the job is far from done when the first of them finishes. */
    private static final List<String> SETTINGS = List.of("--set", "ingest.shard-rows=40", "--set",
            "ingest.partitions=12");

    @Test
    void ingestCompletesWithTheSameManifestAfterAWorkerIsKilledAndNoPartialOutputIsEverVisible() throws Exception {
        StandaloneCluster cluster = CLUSTER.cluster();
        JobRuns runs = new JobRuns(cluster);
        Path input = runs.sampleData("sample", 30, 10, EnumSet.of(SampleFormat.LANDMARKS)).resolve("landmarks");

        Path local = runs.output("local", "landmarks");
        runs.ingest("landmarks", input, local, SETTINGS);

        Path output = runs.output("cluster", "landmarks");
        List<String> arguments = new ArrayList<>(SETTINGS);
        arguments.addAll(runs.onCluster());
        BinScripts.Result result;
        List<ProcessHandle> lostExecutors;
        try (OutputWatch watch = OutputWatch.start(output, Duration.ofMillis(100))) {
            BinScripts.Run run = cluster.scripts().start("ingest",
                    JobRuns.ingestArguments("landmarks", input, output, arguments), Optional.empty());
            awaitFirstFinishedTask(cluster, run);
            assertTrue(run.process().isAlive(), "the job ended before the worker could be killed");
            StandaloneCluster.Worker victim = cluster.workers().get(1);
            lostExecutors = cluster.killWorker(victim);
            assertFalse(lostExecutors.isEmpty(), victim.name() + " had no executor when it was killed");
            assertTrue(run.process().isAlive(), "the job ended before the worker was killed");

            result = run.await(JobRuns.JOB_TIMEOUT).requireSuccess();
            watch.awaitCompleteLook(Duration.ofSeconds(30));

            assertEquals(List.of(), watch.violations(), "what a reader saw while the job ran");
            assertTrue(watch.absentLooks() > 0, "the watch never saw the output absent: it cannot have watched the run");
        }
        assertTrue(result.output().contains("Lost executor"),
                "the driver did not report losing the killed worker's executor:\n" + result.output());
        JobRuns.assertSameManifest(local, output);
        assertEquals(1, cluster.status().aliveWorkers(), "workers alive after the kill");
        for (ProcessHandle executor : lostExecutors) {
            executor.onExit().get(1, TimeUnit.MINUTES);
        }
    }

    /** Waits until an executor has finished a task of the job; fails if the job ends first. */
    private static void awaitFirstFinishedTask(StandaloneCluster cluster, BinScripts.Run run) throws InterruptedException {
        long deadline = System.nanoTime() + JobRuns.JOB_TIMEOUT.toNanos();
        while (cluster.finishedTasks() == 0) {
            if (!run.process().isAlive()) {
                throw new AssertionError("the job ended before any task finished on the cluster:\n" + run.output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no task finished within " + JobRuns.JOB_TIMEOUT.toMinutes() + " minutes:\n"
                        + cluster.logTails(30));
            }
            Thread.sleep(50);
        }
    }
}
