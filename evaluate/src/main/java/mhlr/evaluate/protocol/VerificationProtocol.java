package mhlr.evaluate.protocol;

/** A protocol to evaluate: a 10-fold pair list or an IJB template protocol. */
public sealed interface VerificationProtocol permits TenFoldProtocol, IjbProtocol {
    /** Its name, e.g. {@code lfw}, {@code cfp_fp}, {@code ijbc}. */
    String name();

    /** Number of pairs. */
    long pairs();
}
