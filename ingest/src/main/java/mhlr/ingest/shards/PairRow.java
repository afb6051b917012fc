package mhlr.ingest.shards;

/**
 * One pair of a verification protocol, as {@code pairs.parquet} stores it.
 *
 * @param protocol the protocol's name (e.g. {@code lfw}, {@code cfp_fp}, {@code ijbc})
 * @param index the pair's position in the protocol's own list (0-based; kept when other pairs are dropped)
 * @param left image key, or template id for IJB
 * @param right image key, or template id for IJB
 * @param same whether both sides show the same person
 * @param fold the fold (0..9) of a ten-fold protocol, -1 when there are none
 */
public record PairRow(String protocol, long index, String left, String right, boolean same, int fold) {
}
