/**
 * IJB-B/C 1:N identification as insightface's {@code ijb_1n.py} computes it: gallery (G1 and G2 together) and
 * probe templates pooled as for 1:1, every probe scored against the whole gallery on Spark, closed-set rank-k
 * accuracy and open-set TPIR at a FPIR.
 */
package mhlr.evaluate.identification;
