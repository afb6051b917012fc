package mhlr.evaluate.protocol;

import java.io.Serializable;

/**
 * A contiguous block of template pairs as primitive arrays (template rows of a {@link TemplateFeatures}, not
 * ids): one Spark partition's share of the pair list, without a row object per pair.
 *
 * @param firstPair index of the block's first pair in the pair list
 * @param left template row of each pair's first template
 * @param right template row of each pair's second template
 * @param same whether each pair is genuine
 */
public record PairBlock(long firstPair, int[] left, int[] right, boolean[] same) implements Serializable {
    public int size() {
        return left.length;
    }
}
