package mhlr.evaluate.protocol;

import java.util.Arrays;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;
import mhlr.evaluate.embed.FeatureMatrix;

/**
 * insightface's IJB-B/C template features ({@code eval_ijbc.py}, {@code image2template_feature} with its
 * defaults: flip test F2, detector score D1, norm score N1), with numpy's float32 arithmetic:
 * <ol>
 *   <li>image feature = embedding + flip's embedding (float32, not normalised), times the detector score
 *       (float32);</li>
 *   <li>per template (ids ascending), per media (ids ascending): the mean of the media's image features
 *       (float32, summed in image order, divided by the count; a single image is kept as is);</li>
 *   <li>the template feature = the sum of its media features (float32, in media order), widened to float64
 *       and L2-normalised as {@code sklearn.preprocessing.normalize} does (a zero vector stays zero).</li>
 * </ol>
 * Templates are pooled in parallel; each template's arithmetic is sequential and fixed.
 */
public final class TemplatePooling {
    private TemplatePooling() {
    }

    /**
     * Pools image rows into templates.
     *
     * @param features one row per image, in the order of the other arrays
     * @param templateIds per image
     * @param mediaIds per image
     * @param detectorScores per image
     * @throws UsageException when the row counts disagree or a feature is not finite
     */
    public static TemplateFeatures pool(FeatureMatrix features, int[] templateIds, int[] mediaIds,
            float[] detectorScores) {
        int images = templateIds.length;
        if (features.rows() != images || mediaIds.length != images || detectorScores.length != images) {
            throw new UsageException("the features file has " + features.rows() + " rows but the protocol lists "
                    + images + " images (one row per line of the template/media list, in its order)");
        }
        Integer[] order = new Integer[images];
        for (int i = 0; i < images; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> templateIds[a] != templateIds[b] ? Integer.compare(templateIds[a], templateIds[b])
                : Integer.compare(mediaIds[a], mediaIds[b]));
        int[] sorted = new int[images];
        for (int i = 0; i < images; i++) {
            sorted[i] = order[i];
        }
        int[] starts = IntStream.rangeClosed(0, images)
                .filter(i -> i == 0 || i == images || templateIds[sorted[i]] != templateIds[sorted[i - 1]])
                .toArray();
        int templates = starts.length - 1;
        int dimension = features.dimension();
        int[] ids = new int[templates];
        double[] pooled = new double[templates * dimension];
        IntStream.range(0, templates).parallel().forEach(t -> {
            ids[t] = templateIds[sorted[starts[t]]];
            poolTemplate(features, mediaIds, detectorScores, sorted, starts[t], starts[t + 1], pooled, t * dimension);
        });
        return new TemplateFeatures(ids, pooled, dimension);
    }

    /** Names the first image of a template whose feature row holds NaN or infinity (the sums carry it along). */
    private static String nonFinite(FeatureMatrix features, int[] sorted, int from, int to) {
        float[] row = new float[features.columns()];
        for (int i = from; i < to; i++) {
            features.row(sorted[i], row);
            for (int k = 0; k < row.length; k++) {
                if (!Float.isFinite(row[k])) {
                    return "feature row " + sorted[i] + " holds a non-finite value (" + row[k] + ") in column " + k;
                }
            }
        }
        return "the features of image rows " + sorted[from] + ".. overflow float32 when pooled";
    }

    private static void poolTemplate(FeatureMatrix features, int[] mediaIds, float[] detectorScores, int[] sorted,
            int from, int to, double[] out, int offset) {
        int dimension = features.dimension();
        boolean flip = features.withFlip();
        float[] row = new float[features.columns()];
        float[] media = new float[dimension];
        float[] template = new float[dimension];
        int i = from;
        while (i < to) {
            int mediaId = mediaIds[sorted[i]];
            Arrays.fill(media, 0f);
            int count = 0;
            for (; i < to && mediaIds[sorted[i]] == mediaId; i++) {
                int image = sorted[i];
                features.row(image, row);
                float score = detectorScores[image];
                if (flip) {
                    for (int k = 0; k < dimension; k++) {
                        media[k] += (row[k] + row[dimension + k]) * score;
                    }
                } else {
                    for (int k = 0; k < dimension; k++) {
                        media[k] += row[k] * score;
                    }
                }
                count++;
            }
            if (count > 1) {
                for (int k = 0; k < dimension; k++) {
                    media[k] /= count;
                }
            }
            for (int k = 0; k < dimension; k++) {
                template[k] += media[k];
            }
        }
        double[] wide = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            if (!Float.isFinite(template[k])) {
                throw new UsageException(nonFinite(features, sorted, from, to));
            }
            wide[k] = template[k];
        }
        Vectors.normalise(wide);
        System.arraycopy(wide, 0, out, offset, dimension);
    }
}
