package mhlr.core.shard;

/** What a shard set is for. */
public enum DatasetKind {
    /** Labelled faces to train on. */
    TRAIN,
    /** Faces keyed by their name in a verification protocol, with the protocol's pair list. */
    EVAL;

    public String jsonName() {
        return name().toLowerCase();
    }
}
