package mhlr.evaluate.roc;

import java.io.Serializable;

/**
 * The scores of a contiguous block of pairs, in pair order: what a scoring task hands to the distributed ROC
 * and to the score writer. Primitive arrays, no row objects: IJB-C has 15.66 million pairs.
 *
 * @param firstPair the index of the block's first pair in the protocol's pair list
 * @param scores one score per pair
 * @param same whether each pair is genuine
 */
public record ScoredBlock(long firstPair, double[] scores, boolean[] same) implements Serializable {
}
