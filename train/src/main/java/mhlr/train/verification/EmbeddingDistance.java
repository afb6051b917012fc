package mhlr.train.verification;

/**
 * The distance insightface's 10-fold scores ({@code eval/verification.py}): squared Euclidean between
 * L2-normalised embeddings, and the 2-norm behind the logged {@code XNorm}. The 10-fold rule itself is core's
 * {@link mhlr.core.verification.TenFold}.
 */
public final class EmbeddingDistance {

    private EmbeddingDistance() {
    }

    /** Squared Euclidean distance of two vectors L2-normalised first (a zero vector stays zero, as sklearn). */
    public static double normalisedSquaredDistance(double[] a, double[] b) {
        double normA = norm(a);
        double normB = norm(b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double difference = (normA == 0 ? a[i] : a[i] / normA) - (normB == 0 ? b[i] : b[i] / normB);
            sum += difference * difference;
        }
        return sum;
    }

    /** The 2-norm. */
    public static double norm(double[] vector) {
        double sum = 0;
        for (double value : vector) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }
}
