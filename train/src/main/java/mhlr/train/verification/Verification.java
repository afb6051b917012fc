package mhlr.train.verification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import mhlr.core.verification.TenFold;
import mhlr.train.data.NetworkInput;

/**
 * The verification callback: embeds every image of each set and its horizontal flip, sums the two embeddings,
 * L2-normalises, and scores the pairs with core's {@link TenFold}, as arcface_torch's {@code verification.test}.
 * Keeps the highest accuracy per set ("Accuracy-Highest"), which checkpoints save so a resumed run reports as an
 * uninterrupted one would.
 */
public final class Verification {
    private final List<VerificationSet> sets;
    private final int imageSize;
    private final int batchSize;
    private final int threads;
    private final Map<String, Double> highest = new LinkedHashMap<>();

    /**
     * @param imageSize the network's input side (images are resized as for training)
     * @param batchSize images per embedding call
     * @param threads threads decoding images
     */
    public Verification(List<VerificationSet> sets, int imageSize, int batchSize, int threads) {
        this.sets = List.copyOf(sets);
        this.imageSize = imageSize;
        this.batchSize = batchSize;
        this.threads = threads;
        sets.forEach(set -> highest.put(set.name(), 0.0));
    }

    public boolean isEmpty() {
        return sets.isEmpty();
    }

    /** Verifies every set with the network as it is at {@code step}. */
    public List<VerificationResult> run(Embedder embedder, long step) {
        List<VerificationResult> results = new ArrayList<>();
        for (VerificationSet set : sets) {
            results.add(run(set, embedder, step));
        }
        return results;
    }

    private VerificationResult run(VerificationSet set, Embedder embedder, long step) {
        int count = set.images().size();
        float[][] plain = new float[count][];
        float[][] flipped = new float[count][];
        embedAll(set, embedder, plain, flipped);
        double[][] summed = new double[count][];
        for (int i = 0; i < count; i++) {
            summed[i] = new double[plain[i].length];
            for (int d = 0; d < plain[i].length; d++) {
                summed[i][d] = (double) plain[i][d] + (double) flipped[i][d];
            }
        }
        double normSum = 0;
        double[] distances = new double[set.pairs()];
        for (int p = 0; p < set.pairs(); p++) {
            for (int image : new int[] {set.left()[p], set.right()[p]}) {
                normSum += EmbeddingDistance.norm(widen(plain[image])) + EmbeddingDistance.norm(widen(flipped[image]));
            }
            distances[p] = EmbeddingDistance.normalisedSquaredDistance(summed[set.left()[p]], summed[set.right()[p]]);
        }
        TenFold.Accuracy accuracy = TenFold.accuracy(distances, set.same());
        double best = Math.max(highest.get(set.name()), accuracy.mean());
        highest.put(set.name(), best);
        return new VerificationResult(set.name(), step, normSum / (4.0 * set.pairs()), accuracy.mean(),
                accuracy.std(), best);
    }

    private void embedAll(VerificationSet set, Embedder embedder, float[][] plain, float[][] flipped) {
        int values = 3 * imageSize * imageSize;
        ExecutorService decoders = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "mhlr-verification-decode");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int start = 0; start < plain.length; start += batchSize) {
                int n = Math.min(batchSize, plain.length - start);
                float[] pixels = new float[n * values];
                float[] mirrored = new float[n * values];
                List<Future<?>> decoded = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int image = start + i;
                    int offset = i * values;
                    decoded.add(decoders.submit(() -> NetworkInput.writeWithFlip(set.images().get(image),
                            set.sources().get(image), imageSize, pixels, mirrored, offset)));
                }
                for (Future<?> future : decoded) {
                    future.get();
                }
                float[][] a = embedder.embed(pixels, n);
                float[][] b = embedder.embed(mirrored, n);
                System.arraycopy(a, 0, plain, start, n);
                System.arraycopy(b, 0, flipped, start, n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying " + set.name(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            decoders.shutdownNow();
        }
    }

    private static double[] widen(float[] vector) {
        double[] wide = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
            wide[i] = vector[i];
        }
        return wide;
    }

    /** The highest accuracy of each set so far. */
    public Map<String, Double> highest() {
        return Map.copyOf(highest);
    }

    /** Continues from saved highest accuracies (sets not in the map keep 0). */
    public void restoreHighest(Map<String, Double> saved) {
        saved.forEach((name, value) -> {
            if (highest.containsKey(name)) {
                highest.put(name, value);
            }
        });
    }
}
