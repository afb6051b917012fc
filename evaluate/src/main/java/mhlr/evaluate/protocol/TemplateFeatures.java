package mhlr.evaluate.protocol;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Pooled, L2-normalised template features: row t of {@link #features()} belongs to template
 * {@code templateIds()[t]}; the ids ascend, as {@code np.unique} returns them. Serializable so the matrix can
 * be broadcast to Spark executors (23,000 x 512 float64 for IJB-C: 94 MB).
 */
public final class TemplateFeatures implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] templateIds;
    private final double[] features;
    private final int dimension;

    public TemplateFeatures(int[] templateIds, double[] features, int dimension) {
        if ((long) templateIds.length * dimension != features.length) {
            throw new IllegalArgumentException(features.length + " values are not " + templateIds.length
                    + " templates of dimension " + dimension);
        }
        this.templateIds = templateIds;
        this.features = features;
        this.dimension = dimension;
    }

    /** The template ids, ascending. */
    public int[] templateIds() {
        return templateIds;
    }

    /** Row-major {@code [templates, dimension]}. */
    public double[] features() {
        return features;
    }

    public int dimension() {
        return dimension;
    }

    public int count() {
        return templateIds.length;
    }

    /** The row of a template id, or -1 when the template is absent. */
    public int indexOf(int templateId) {
        int index = Arrays.binarySearch(templateIds, templateId);
        return index < 0 ? -1 : index;
    }
}
