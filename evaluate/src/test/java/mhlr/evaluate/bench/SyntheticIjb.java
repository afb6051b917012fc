package mhlr.evaluate.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import mhlr.evaluate.embed.FeatureMatrix;

/**
 * An IJB-C-shaped protocol made up from a seed: gallery templates (one or two per identity) paired with probe
 * templates, pairs grouped by gallery template and sorted by probe, as in IJB-C's pair file. Image features
 * are identity centre + a per-template offset of random strength (hard and easy templates) + per-image noise,
 * so TAR varies across the FAR range instead of sitting at 1.
 *
 * @param features one row per image
 * @param templateIds per image
 * @param mediaIds per image
 * @param detectorScores per image
 * @param leftIds first template id of each pair
 * @param rightIds second template id of each pair
 * @param same whether each pair is genuine
 */
public record SyntheticIjb(FeatureMatrix features, int[] templateIds, int[] mediaIds, float[] detectorScores,
        int[] leftIds, int[] rightIds, boolean[] same) {

    /** IJB-C's sizes. */
    public static SyntheticIjb ijbc(long seed) {
        return generate(seed, 3_500, 3_557, 19_443, 469_375, 15_658_489, 19_557, 512);
    }

    /** A protocol of the given shape; template ids are 1.. (gallery first), media ids unique per template. */
    public static SyntheticIjb generate(long seed, int identities, int gallery, int probes, int images, long pairs,
            int genuine, int dimension) {
        int templates = gallery + probes;
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[identities][];
        for (int i = 0; i < identities; i++) {
            centres[i] = unitGaussian(random, dimension);
        }
        int[] identityOf = new int[templates];
        float[] offsetStrength = new float[templates];
        for (int t = 0; t < templates; t++) {
            identityOf[t] = t < gallery ? t % identities : (t - gallery) % identities;
            offsetStrength[t] = (float) (0.5 + 3.5 * random.nextDouble());
        }
        int[] templateIds = new int[images];
        int[] mediaIds = new int[images];
        float[] detectorScores = new float[images];
        int[] firstImage = new int[templates + 1];
        for (int t = 0; t < templates; t++) {
            firstImage[t + 1] = (int) ((long) images * (t + 1) / templates);
        }
        for (int t = 0; t < templates; t++) {
            int medias = 1 + random.nextInt(5);
            for (int image = firstImage[t]; image < firstImage[t + 1]; image++) {
                templateIds[image] = t + 1;
                mediaIds[image] = (t + 1) * 8 + random.nextInt(medias);
                detectorScores[image] = (float) (0.5 + 0.5 * random.nextDouble());
            }
        }
        float[] values = new float[Math.multiplyExact(images, dimension)];
        long[] templateSeeds = random.longs(templates).toArray();
        IntStream.range(0, templates).parallel().forEach(t -> {
            SplittableRandom local = new SplittableRandom(templateSeeds[t]);
            float[] offset = unitGaussian(local, dimension);
            float[] centre = centres[identityOf[t]];
            float strength = offsetStrength[t];
            for (int image = firstImage[t]; image < firstImage[t + 1]; image++) {
                int row = image * dimension;
                for (int k = 0; k < dimension; k++) {
                    float noise = (float) (local.nextDouble() - 0.5) * 0.25f;
                    values[row + k] = centre[k] + strength * offset[k] + noise;
                }
            }
        });
        int[][] probesOf = new int[identities][];
        int[] probeCounts = new int[identities];
        for (int p = 0; p < probes; p++) {
            probeCounts[identityOf[gallery + p]]++;
        }
        for (int i = 0; i < identities; i++) {
            probesOf[i] = new int[probeCounts[i]];
            probeCounts[i] = 0;
        }
        for (int p = 0; p < probes; p++) {
            int identity = identityOf[gallery + p];
            probesOf[identity][probeCounts[identity]++] = gallery + p;
        }
        int[] left = new int[Math.toIntExact(pairs)];
        int[] right = new int[left.length];
        boolean[] same = new boolean[left.length];
        long impostors = pairs - genuine;
        int genuineLeft = genuine;
        int written = 0;
        for (int g = 0; g < gallery; g++) {
            int identity = identityOf[g];
            int[] mates = probesOf[identity];
            int mateCount = Math.min(genuineLeft, mates.length);
            if (g == gallery - 1) {
                mateCount = genuineLeft;
            }
            genuineLeft -= mateCount;
            long impostorCount = impostors * (g + 1) / gallery - impostors * g / gallery;
            int total = Math.toIntExact(mateCount + impostorCount);
            int[] chosen = new int[total];
            for (int m = 0; m < mateCount; m++) {
                chosen[m] = mates[m % mates.length];
            }
            int stride = 1 + 2 * random.nextInt(probes / 4);
            int position = random.nextInt(probes);
            for (int m = mateCount; m < total; ) {
                position = (position + stride) % probes;
                int probe = gallery + position;
                if (identityOf[probe] != identity) {
                    chosen[m++] = probe;
                }
            }
            Arrays.sort(chosen, 0, total);
            for (int c = 0; c < total; c++) {
                left[written] = g + 1;
                right[written] = chosen[c] + 1;
                same[written] = identityOf[chosen[c]] == identity;
                written++;
            }
        }
        return new SyntheticIjb(FeatureMatrix.of(values, images, dimension, false), templateIds, mediaIds,
                detectorScores, left, right, same);
    }

    private static float[] unitGaussian(SplittableRandom random, int dimension) {
        float[] vector = new float[dimension];
        double norm = 0;
        for (int k = 0; k < dimension; k++) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            double gaussian = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            vector[k] = (float) gaussian;
            norm += gaussian * gaussian;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < dimension; k++) {
            vector[k] *= scale;
        }
        return vector;
    }
}
