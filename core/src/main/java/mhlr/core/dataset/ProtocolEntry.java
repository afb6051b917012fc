package mhlr.core.dataset;

/**
 * A verification protocol carried by an evaluation shard set; its pairs are the rows of {@code pairs.parquet}
 * whose {@code protocol} column equals {@code name}.
 *
 * @param name e.g. {@code lfw}, {@code cfp_fp}, {@code ijbc}
 * @param kind {@code tenfold} (image pairs in 10 contiguous folds) or {@code ijb} (template pairs)
 * @param pairs number of pairs
 * @param genuine number of same-identity pairs
 */
public record ProtocolEntry(String name, String kind, long pairs, long genuine) {
    public static final String TENFOLD = "tenfold";
    public static final String IJB = "ijb";
}
