package mhlr.evaluate.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.core.format.FacePair;
import mhlr.evaluate.embed.FeatureMatrix;

/**
 * The 10-fold protocol's distances from image features, as insightface's {@code verification.test}: the
 * embedding plus its flip's embedding (float64), L2-normalised, then the squared Euclidean distance of each
 * pair's two images.
 */
public final class TenFoldFeatures {
    private static final int SHOWN_OFFENDERS = 5;

    private TenFoldFeatures() {
    }

    /** Distances from a matrix whose rows 2i and 2i+1 are pair i's images. */
    public static double[] fromRows(FeatureMatrix features, int pairs, String where) {
        if (features.rows() != 2L * pairs) {
            throw new UsageException(where + " has " + features.rows() + " rows but the protocol has " + pairs
                    + " pairs: rows 2i and 2i+1 must be pair i's images (" + 2L * pairs + " rows)");
        }
        float[] row = new float[features.columns()];
        double[] distances = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            features.row(2L * i, row);
            double[] left = normalisedFlipSum(row, features.dimension(), features.withFlip());
            features.row(2L * i + 1, row);
            double[] right = normalisedFlipSum(row, features.dimension(), features.withFlip());
            distances[i] = Vectors.squaredDistance(left, right);
        }
        return distances;
    }

    /**
     * Distances from embeddings by image key ({@code [embedding, flip]} each).
     *
     * @throws UsageException when pairs name images that have no embedding (count and the first few)
     */
    public static double[] fromKeys(List<FacePair> pairs, Map<String, float[]> embeddings, int dimension) {
        List<String> missing = new ArrayList<>();
        long absent = 0;
        for (FacePair pair : pairs) {
            for (String key : new String[] {pair.left(), pair.right()}) {
                if (!embeddings.containsKey(key)) {
                    absent++;
                    if (missing.size() < SHOWN_OFFENDERS) {
                        missing.add(key);
                    }
                }
            }
        }
        if (absent > 0) {
            throw new UsageException(absent + " pair images are absent from the evaluation shards, e.g. "
                    + String.join(", ", missing));
        }
        double[] distances = new double[pairs.size()];
        for (int i = 0; i < distances.length; i++) {
            double[] left = normalisedFlipSum(embeddings.get(pairs.get(i).left()), dimension, true);
            double[] right = normalisedFlipSum(embeddings.get(pairs.get(i).right()), dimension, true);
            distances[i] = Vectors.squaredDistance(left, right);
        }
        return distances;
    }

    /** Embedding + flip's embedding in float64 (or the embedding alone), L2-normalised. */
    static double[] normalisedFlipSum(float[] row, int dimension, boolean withFlip) {
        double[] sum = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            double value = withFlip ? (double) row[k] + (double) row[dimension + k] : row[k];
            if (!Double.isFinite(value)) {
                throw new UsageException("a feature holds a non-finite value (" + value + ")");
            }
            sum[k] = value;
        }
        Vectors.normalise(sum);
        return sum;
    }
}
