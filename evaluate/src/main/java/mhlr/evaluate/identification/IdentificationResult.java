package mhlr.evaluate.identification;

/**
 * The figures of an IJB-B/C 1:N evaluation, as {@code ijb_1n.py} prints them.
 *
 * @param probes probe templates (insightface's {@code query_num})
 * @param gallery gallery templates (G1 and G2)
 * @param ranks the ranks of the closed-set read-out (1, 5, 10)
 * @param rankAccuracies the fraction of probes whose mate is among the top {@code ranks[i]}
 * @param fpirs the false positive identification rates of the open-set read-out (0.01, 0.1)
 * @param thresholds the score threshold at each FPIR: the {@code ceil(probes * fpir)}-th largest non-mate score
 * @param tpirs the fraction of probes whose mate scores above the threshold
 * @param cmc the cumulative match characteristic: {@code cmc[r - 1]} is the rank-r accuracy
 */
public record IdentificationResult(int probes, int gallery, int[] ranks, double[] rankAccuracies, double[] fpirs,
        double[] thresholds, double[] tpirs, double[] cmc) {
}
