package mhlr.core.dataset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a shard set is for; written into the manifest as {@code "train"} or {@code "eval"}. */
public enum DatasetKind {
    /** Labelled faces to train on. */
    TRAIN,
    /** Faces keyed by their name in a verification protocol, with the protocol's pair list. */
    EVAL;

    @JsonValue
    public String jsonName() {
        return name().toLowerCase();
    }

    /** The kind a manifest names, in either case. */
    @JsonCreator
    public static DatasetKind fromJson(String name) {
        return Arrays.stream(values()).filter(kind -> kind.jsonName().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset kind '" + name
                        + "' (expected train or eval)"));
    }
}
