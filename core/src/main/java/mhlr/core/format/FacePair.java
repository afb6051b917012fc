package mhlr.core.format;

/**
 * One pair of a 10-fold verification protocol (LFW, CFP-FF, CFP-FP).
 *
 * @param left the first image's key (its path in the dataset, e.g. {@code Aaron_Peirsol/Aaron_Peirsol_0001.jpg})
 * @param right the second image's key
 * @param same whether both images show one person
 * @param fold the pair's fold, 0-based
 */
public record FacePair(String left, String right, boolean same, int fold) {
}
