package mhlr.evaluate.identification;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * 1:N identification on Spark, the arithmetic of insightface's {@code ijb_1n.py} ({@code evaluation} and
 * {@code gen_mask}), distributed over blocks of probes:
 * <ul>
 *   <li>each probe's mate is the one gallery template of its subject (none or several is an input error, as
 *       {@code gen_mask} raises);</li>
 *   <li>similarity = the dot product of the L2-normalised template features; the gallery is ranked by
 *       {@code np.argsort(-similarity)}, equal scores in gallery order (a stable sort: numpy's default sort
 *       leaves the order of equal scores unspecified); rank-k accuracy = the fraction of probes whose mate is
 *       among the first k;</li>
 *   <li>open set: for each FPIR f, the threshold is the {@code ceil(probes * f)}-th largest of all non-mate
 *       scores of all probes ({@code heapq.nlargest}), and TPIR = the fraction of probes whose mate scores
 *       strictly above it.</li>
 * </ul>
 * Each task scores its probes against the broadcast gallery and returns, per probe, the mate's rank and score,
 * and the largest non-mate scores it saw; only those cross to the driver.
 */
public final class OneToN {
    /** The closed-set read-out. */
    public static final int[] RANKS = {1, 5, 10};
    /** The open-set read-out. */
    public static final double[] FPIRS = {0.01, 0.1};
    /** The longest CMC curve drawn. */
    static final int CMC_RANKS = 100;
    private static final int PROBE_BLOCK = 32;
    private static final int SHOWN_OFFENDERS = 5;

    private OneToN() {
    }

    /**
     * The gallery row of each probe's mate.
     *
     * @throws UsageException when a probe's subject has no or several gallery templates, with the counts and the
     *     first offenders
     */
    public static int[] mates(TemplateSet gallery, TemplateSet probes, String name) {
        Map<Integer, List<Integer>> bySubject = new HashMap<>();
        for (int g = 0; g < gallery.size(); g++) {
            bySubject.computeIfAbsent(gallery.subjectIds()[g], s -> new ArrayList<>()).add(g);
        }
        int[] mates = new int[probes.size()];
        int none = 0;
        int several = 0;
        List<String> shown = new ArrayList<>();
        for (int p = 0; p < probes.size(); p++) {
            List<Integer> rows = bySubject.getOrDefault(probes.subjectIds()[p], List.of());
            if (rows.size() == 1) {
                mates[p] = rows.get(0);
                continue;
            }
            if (rows.isEmpty()) {
                none++;
            } else {
                several++;
            }
            if (shown.size() < SHOWN_OFFENDERS) {
                shown.add("template " + probes.templateIds()[p] + " (subject " + probes.subjectIds()[p] + ", "
                        + rows.size() + " gallery templates)");
            }
        }
        if (none + several > 0) {
            throw new UsageException(name + " 1:N: every probe's subject needs exactly one gallery template; "
                    + none + " of " + probes.size() + " probes have none and " + several + " have several, e.g. "
                    + String.join(", ", shown));
        }
        return mates;
    }

    /** Scores every probe against the gallery in {@code partitions} tasks and reads the figures. */
    public static IdentificationResult evaluate(JavaSparkContext spark, TemplateSet gallery, TemplateSet probes,
            int[] mates, int partitions) {
        int queries = probes.size();
        int[] required = new int[FPIRS.length];
        int keep = 0;
        for (int i = 0; i < FPIRS.length; i++) {
            required[i] = (int) Math.ceil(queries * FPIRS[i]);
            keep = Math.max(keep, required[i]);
        }
        int blocks = Math.max(1, Math.min(partitions, queries));
        int topCount = keep;
        Broadcast<TemplateSet> sharedGallery = spark.broadcast(gallery);
        Broadcast<TemplateSet> sharedProbes = spark.broadcast(probes);
        Broadcast<int[]> sharedMates = spark.broadcast(mates);
        List<ProbeBlock> results;
        try {
            results = spark.parallelize(IntStream.range(0, blocks).boxed().toList(), blocks)
                    .map(block -> score(sharedGallery.value(), sharedProbes.value(), sharedMates.value(),
                            (int) ((long) queries * block / blocks), (int) ((long) queries * (block + 1) / blocks),
                            topCount))
                    .collect();
        } finally {
            sharedGallery.destroy();
            sharedProbes.destroy();
            sharedMates.destroy();
        }
        return figures(results, queries, gallery.size(), required);
    }

    /** Merges the blocks' answers into the read-out. */
    static IdentificationResult figures(List<ProbeBlock> blocks, int queries, int galleryCount, int[] required) {
        int cmcRanks = Math.min(galleryCount, CMC_RANKS);
        long[] atPosition = new long[cmcRanks];
        TopScores negatives = new TopScores(IntStream.of(required).max().orElse(0));
        double[] mateScores = new double[queries];
        int filled = 0;
        for (ProbeBlock block : blocks) {
            for (int position : block.positions()) {
                if (position < cmcRanks) {
                    atPosition[position]++;
                }
            }
            System.arraycopy(block.mateScores(), 0, mateScores, filled, block.mateScores().length);
            filled += block.mateScores().length;
            for (double score : block.topNegatives()) {
                negatives.offer(score);
            }
        }
        double[] cmc = new double[cmcRanks];
        long correct = 0;
        for (int r = 0; r < cmcRanks; r++) {
            correct += atPosition[r];
            cmc[r] = (double) correct / queries;
        }
        double[] accuracies = new double[RANKS.length];
        for (int i = 0; i < RANKS.length; i++) {
            accuracies[i] = cmc[Math.min(RANKS[i], cmcRanks) - 1];
        }
        double[] largest = negatives.descending();
        double[] thresholds = new double[FPIRS.length];
        double[] tpirs = new double[FPIRS.length];
        for (int i = 0; i < FPIRS.length; i++) {
            if (required[i] < 1 || required[i] > largest.length) {
                thresholds[i] = Double.NaN;
                tpirs[i] = Double.NaN;
                continue;
            }
            thresholds[i] = largest[required[i] - 1];
            long above = 0;
            for (double score : mateScores) {
                above += score > thresholds[i] ? 1 : 0;
            }
            tpirs[i] = (double) above / queries;
        }
        return new IdentificationResult(queries, galleryCount, RANKS.clone(), accuracies, FPIRS.clone(), thresholds,
                tpirs, cmc);
    }

    /** Scores probes {@code [from, to)}. */
    static ProbeBlock score(TemplateSet gallery, TemplateSet probes, int[] mates, int from, int to, int keep) {
        int galleryCount = gallery.size();
        int dimension = gallery.dimension();
        int[] positions = new int[to - from];
        double[] mateScores = new double[to - from];
        TopScores negatives = new TopScores(keep);
        double[] scores = new double[PROBE_BLOCK * galleryCount];
        for (int first = from; first < to; first += PROBE_BLOCK) {
            int count = Math.min(PROBE_BLOCK, to - first);
            GalleryScorer.score(probes.features(), first, count, gallery.features(), galleryCount, dimension, scores);
            for (int p = 0; p < count; p++) {
                int mate = mates[first + p];
                int row = p * galleryCount;
                double mateScore = scores[row + mate];
                int position = 0;
                for (int g = 0; g < galleryCount; g++) {
                    double score = scores[row + g];
                    if (score > mateScore || (score == mateScore && g < mate)) {
                        position++;
                    }
                    if (g != mate) {
                        negatives.offer(score);
                    }
                }
                positions[first - from + p] = position;
                mateScores[first - from + p] = mateScore;
            }
        }
        return new ProbeBlock(positions, mateScores, negatives.descending());
    }

    /**
     * One task's answer.
     *
     * @param positions each probe's mate's 0-based place in the ranked gallery
     * @param mateScores each probe's mate's score
     * @param topNegatives the largest non-mate scores of the block, descending
     */
    record ProbeBlock(int[] positions, double[] mateScores, double[] topNegatives) implements Serializable {
    }
}
