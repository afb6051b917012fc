package mhlr.core.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * One command's output, from the start of its run to the commit, on any {@link OutputStore}:
 * <ol>
 *   <li>{@link #begin} refuses an output that is, contains or lies inside an input; takes the lock
 *       {@code .NAME.lock} beside the target for the whole run (a second run on the same output exits 2); refuses
 *       an existing target unless {@code --overwrite} (or {@code --resume}) was given and it holds one of the
 *       command's own marker files; removes what killed runs left (their staging directories, and puts back an old
 *       output a killed overwrite had moved aside); then creates {@code .NAME.partial-RANDOM} to write into.</li>
 *   <li>{@link #commit} flushes the staging tree to stable storage and, still under the lock, checks the target
 *       again: an output that appeared meanwhile is refused without {@code --overwrite}; with it, the old output
 *       is renamed to {@code .NAME.old-RANDOM}, the staging renamed onto the target (the old one renamed back if
 *       that fails) and only then the old one deleted.</li>
 *   <li>{@link #close} removes an uncommitted staging directory and releases the lock.</li>
 * </ol>
 * A run whose rules say {@link OutputRules#inPlaceWhenNew()} (training) writes a new or resumed output straight
 * at the target under the same lock; only its overwrite is staged, so a killed overwrite keeps the previous run.
 *
 * @param <P> the store's path type
 */
public final class OutputCommit<P> implements AutoCloseable {
    private static final String PARTIAL = "partial";
    private static final String OLD = "old";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutputStore<P> store;
    private final P target;
    private final P work;
    private final OutputRules<P> rules;
    private final OutputLock lock;
    private final boolean existed;
    private boolean committed;

    private OutputCommit(OutputStore<P> store, P target, P work, OutputRules<P> rules, OutputLock lock,
            boolean existed) {
        this.store = store;
        this.target = target;
        this.work = work;
        this.rules = rules;
        this.lock = lock;
        this.existed = existed;
    }

    /**
     * Starts an output at {@code target} (an absolute, normalised path).
     *
     * @throws UsageException when the rules refuse the target or another run holds its lock
     */
    public static <P> OutputCommit<P> begin(OutputStore<P> store, P target, OutputRules<P> rules) {
        P parent = store.parent(target);
        if (parent == null) {
            throw new UsageException("output " + store.show(target) + " is a file system root; name a directory"
                    + " inside it");
        }
        try {
            checkClearOfInputs(store, target, rules);
            store.createDirectories(parent);
            P lockFile = store.child(parent, "." + store.name(target) + ".lock");
            OutputLock lock = store.tryLock(lockFile);
            if (lock == null) {
                throw new UsageException("output " + store.show(target) + " is being written by another run (it"
                        + " holds " + store.show(lockFile) + ")");
            }
            try {
                return underLock(store, target, rules, lock);
            } catch (RuntimeException | IOException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output " + store.show(target), e);
        }
    }

    private static <P> OutputCommit<P> underLock(OutputStore<P> store, P target, OutputRules<P> rules,
            OutputLock lock) throws IOException {
        recoverKilledRuns(store, target);
        boolean exists = store.exists(target);
        if (exists) {
            if (!rules.overwrite() && !rules.resume()) {
                throw new UsageException("output " + store.show(target) + " exists; give --overwrite to replace it");
            }
            requireOwn(store, target, rules);
        }
        if ((exists && rules.resume()) || (!exists && rules.inPlaceWhenNew())) {
            store.createDirectories(target);
            return new OutputCommit<>(store, target, target, rules, lock, exists);
        }
        P staging = hiddenSibling(store, target, PARTIAL);
        store.createDirectories(staging);
        return new OutputCommit<>(store, target, staging, rules, lock, exists);
    }

    /** Where the work is written until {@link #commit()}: the staging directory, or the target itself in place. */
    public P staging() {
        return work;
    }

    /** The final location. */
    public P target() {
        return target;
    }

    /** Whether the work goes straight to the target (a new or resumed training run). */
    public boolean inPlace() {
        return work.equals(target);
    }

    /** Whether the target existed when the run began (an output being resumed or overwritten). */
    public boolean existed() {
        return existed;
    }

    /**
     * Makes the work the output: flushes it and renames the staging directory onto the target.
     *
     * @throws UsageException when an output appeared at the target during the run and may not be replaced
     */
    public void commit() {
        try {
            store.syncTree(work);
            if (!inPlace()) {
                swapIn();
            }
            store.syncDirectory(store.parent(target));
            committed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit " + store.show(work) + " to " + store.show(target), e);
        }
    }

    private void swapIn() throws IOException {
        if (!store.exists(target)) {
            store.rename(work, target);
            return;
        }
        if (!rules.overwrite()) {
            throw new UsageException("output " + store.show(target) + " appeared while this run worked; give"
                    + " --overwrite to replace it");
        }
        requireOwn(store, target, rules);
        P old = hiddenSibling(store, target, OLD);
        store.rename(target, old);
        try {
            store.rename(work, target);
        } catch (IOException | RuntimeException e) {
            try {
                store.rename(old, target);
            } catch (IOException | RuntimeException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        store.syncDirectory(store.parent(target));
        store.delete(old);
    }

    /** Removes an uncommitted staging directory (an in-place run keeps its work for a resume) and unlocks. */
    @Override
    public void close() {
        try (OutputLock held = lock) {
            if (!committed && !inPlace()) {
                store.delete(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up beside output " + store.show(target), e);
        }
    }

    private static <P> void checkClearOfInputs(OutputStore<P> store, P target, OutputRules<P> rules)
            throws IOException {
        for (P input : rules.inputs()) {
            if (store.within(target, input) || store.within(input, target)) {
                throw new UsageException("output " + store.show(target) + " would overlap input "
                        + store.show(input) + " (an output may not be, contain or lie inside an input)");
            }
        }
    }

    private static <P> void requireOwn(OutputStore<P> store, P target, OutputRules<P> rules) throws IOException {
        if (store.isDirectory(target)) {
            for (String marker : rules.ownMarkers()) {
                if (store.exists(store.child(target, marker))) {
                    return;
                }
            }
        }
        throw new UsageException("output " + store.show(target) + " is not an output of this command (it holds none"
                + " of " + rules.ownMarkers() + "); refusing to replace it");
    }

    /**
     * Under the lock no other run is active, so what runs left beside the target is theirs: staging directories
     * are removed; an old output moved aside by an overwrite killed between its two renames is put back.
     */
    private static <P> void recoverKilledRuns(OutputStore<P> store, P target) throws IOException {
        P parent = store.parent(target);
        String prefix = "." + store.name(target) + ".";
        List<P> old = new ArrayList<>();
        for (String name : store.list(parent)) {
            if (name.startsWith(prefix + PARTIAL + "-")) {
                store.delete(store.child(parent, name));
            } else if (name.startsWith(prefix + OLD + "-")) {
                old.add(store.child(parent, name));
            }
        }
        if (old.size() == 1 && !store.exists(target)) {
            store.rename(old.get(0), target);
        } else if (store.exists(target)) {
            for (P leftover : old) {
                store.delete(leftover);
            }
        }
    }

    private static <P> P hiddenSibling(OutputStore<P> store, P target, String kind) {
        return store.child(store.parent(target), "." + store.name(target) + "." + kind + "-"
                + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE));
    }
}
