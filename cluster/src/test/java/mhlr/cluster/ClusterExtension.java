package mhlr.cluster;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link StandaloneCluster} for a test class: started before its first test, stopped after its last one, also
 * when a test or the start-up failed. After stopping, it fails the class if any process started for it (daemons,
 * executors, jobs) still runs.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterExtension CLUSTER = new ClusterExtension("ingest", 2, "ingest");
 * }</pre>
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final String name;
    private final int workers;
    private final List<String> modules;
    private StandaloneCluster cluster;

    /**
     * @param name the cluster's folder name
     * @param workers how many workers
     * @param modules the modules whose bin/ scripts the tests run: checked to be packaged and up to date first
     */
    ClusterExtension(String name, int workers, String... modules) {
        this.name = name;
        this.workers = workers;
        this.modules = List.of(modules);
    }

    /** The running cluster. */
    StandaloneCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("the cluster of " + name + " is not running");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        modules.forEach(module -> BinScripts.requirePackaged(ClusterSettings.mhlrHome(), module));
        cluster = StandaloneCluster.start(name, workers);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster == null) {
            return;
        }
        StandaloneCluster stopping = cluster;
        cluster = null;
        stopping.close();
        List<String> survivors = stopping.survivors();
        if (!survivors.isEmpty()) {
            throw new AssertionError("processes of the " + name + " cluster survived it: " + survivors);
        }
    }
}
