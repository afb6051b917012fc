package mhlr.evaluate.identification;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mhlr.evaluate.protocol.TemplateFeatures;

/**
 * The templates one side of 1:N names, as {@code ijb_1n.py}'s {@code image2template_feature} picks them:
 * {@code np.unique} of the listed template ids (ascending), each with the subject of its first line, and its
 * pooled, L2-normalised feature.
 *
 * @param templateIds ascending, distinct
 * @param subjectIds the subject of each template
 * @param features row-major {@code [templates, dimension]}
 * @param dimension feature length
 */
public record TemplateSet(int[] templateIds, int[] subjectIds, double[] features, int dimension)
        implements Serializable {

    public int size() {
        return templateIds.length;
    }

    /**
     * Picks the listed templates out of {@code pooled}.
     *
     * @param lineTemplates the template of each line of the list files
     * @param lineSubjects the subject of each line
     * @throws IllegalArgumentException when {@code pooled} lacks a listed template (callers check first, to name
     *     every offender)
     */
    public static TemplateSet choose(TemplateFeatures pooled, int[] lineTemplates, int[] lineSubjects) {
        Integer[] order = new Integer[lineTemplates.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> lineTemplates[a] != lineTemplates[b]
                ? Integer.compare(lineTemplates[a], lineTemplates[b]) : Integer.compare(a, b));
        List<Integer> firstLines = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || lineTemplates[order[i]] != lineTemplates[order[i - 1]]) {
                firstLines.add(order[i]);
            }
        }
        int dimension = pooled.dimension();
        int[] templates = new int[firstLines.size()];
        int[] subjects = new int[firstLines.size()];
        double[] features = new double[firstLines.size() * dimension];
        for (int t = 0; t < templates.length; t++) {
            int line = firstLines.get(t);
            templates[t] = lineTemplates[line];
            subjects[t] = lineSubjects[line];
            int row = pooled.indexOf(templates[t]);
            if (row < 0) {
                throw new IllegalArgumentException("template " + templates[t] + " has no pooled feature");
            }
            System.arraycopy(pooled.features(), row * dimension, features, t * dimension, dimension);
        }
        return new TemplateSet(templates, subjects, features, dimension);
    }

    /** The two galleries as {@code np.concatenate} joins their lines, then picked as one list. */
    public static int[] concatenate(int[] first, int[] second) {
        int[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
