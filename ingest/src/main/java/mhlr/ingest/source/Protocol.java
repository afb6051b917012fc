package mhlr.ingest.source;

import mhlr.core.dataset.ProtocolEntry;

/**
 * A verification protocol an evaluation source carries.
 *
 * @param name its name in {@code pairs.parquet} and the manifest (e.g. {@code lfw}, {@code cfp_fp}, {@code ijbc})
 * @param kind {@link ProtocolEntry#TENFOLD} (pairs of image keys) or {@link ProtocolEntry#IJB} (pairs of templates)
 */
public record Protocol(String name, String kind) {

    public static Protocol tenfold(String name) {
        return new Protocol(name, ProtocolEntry.TENFOLD);
    }

    public static Protocol ijb(String name) {
        return new Protocol(name, ProtocolEntry.IJB);
    }

    /** Whether the pairs name template ids rather than image keys. */
    public boolean pairsTemplates() {
        return ProtocolEntry.IJB.equals(kind);
    }
}
