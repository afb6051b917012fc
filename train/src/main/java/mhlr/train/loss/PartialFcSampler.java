package mhlr.train.loss;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Partial FC's choice of class centres for one step (An et al., arcface_torch {@code partial_fc_v2.py}): every class
 * that occurs in the batch, plus classes drawn uniformly from the others up to {@code floor(rate * classes)} in all
 * (more if the batch alone has more classes). The chosen classes come back sorted and the labels remapped to
 * positions in that list, so the head computes logits for the chosen centres only.
 *
 * <p>The draw depends only on the seed, the step number and the labels, so a resumed run draws as the uninterrupted
 * one did.
 */
public final class PartialFcSampler {

    private final int classes;
    private final int sampleSize;
    private final long seed;

    /**
     * @param classes    number of classes (rows of the class-centre matrix)
     * @param sampleRate fraction of the classes per step, in (0, 1]
     * @param seed       seed of the draws
     */
    public PartialFcSampler(int classes, double sampleRate, long seed) {
        if (classes < 1) {
            throw new IllegalArgumentException("number of classes must be positive, got " + classes);
        }
        if (!(sampleRate > 0) || sampleRate > 1) {
            throw new IllegalArgumentException("Partial FC sample rate must be in (0, 1], got " + sampleRate);
        }
        this.classes = classes;
        this.sampleSize = Math.max(1, (int) (sampleRate * classes));
        this.seed = seed;
    }

    /** Classes chosen per step when the batch has no more distinct classes than that. */
    public int sampleSize() {
        return sampleSize;
    }

    /**
     * The class centres for one step.
     *
     * @param labels class of each image, in [0, classes)
     * @param step   the step number (seeds the draw)
     */
    public Sample sample(int[] labels, long step) {
        int[] positives = Arrays.stream(labels).peek(this::checkLabel).distinct().sorted().toArray();
        int[] chosen;
        if (positives.length >= sampleSize) {
            chosen = positives;
        } else {
            chosen = Arrays.copyOf(positives, sampleSize);
            int[] others = complement(positives);
            SplittableRandom random = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L));
            int wanted = sampleSize - positives.length;
            for (int i = 0; i < wanted; i++) {
                int j = i + random.nextInt(others.length - i);
                int swap = others[i];
                others[i] = others[j];
                others[j] = swap;
                chosen[positives.length + i] = others[i];
            }
            Arrays.sort(chosen);
        }
        int[] remapped = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            remapped[i] = Arrays.binarySearch(chosen, labels[i]);
        }
        return new Sample(chosen, remapped);
    }

    private int[] complement(int[] sortedPositives) {
        int[] others = new int[classes - sortedPositives.length];
        int next = 0;
        int p = 0;
        for (int c = 0; c < classes; c++) {
            if (p < sortedPositives.length && sortedPositives[p] == c) {
                p++;
            } else {
                others[next++] = c;
            }
        }
        return others;
    }

    private void checkLabel(int label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " is outside [0, " + classes + ")");
        }
    }

    /**
     * The chosen class centres of one step.
     *
     * @param classes sorted class indices whose centres take part
     * @param labels  each image's position of its class in {@code classes}
     */
    public record Sample(int[] classes, int[] labels) {
    }
}
