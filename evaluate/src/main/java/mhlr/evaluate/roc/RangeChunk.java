package mhlr.evaluate.roc;

import java.io.Serializable;

/**
 * The score keys one scoring task found in one score range, impostor and genuine apart: the unit the
 * distributed ROC shuffles, so a range's reducer receives a few large arrays instead of millions of records.
 */
record RangeChunk(long[] impostorKeys, long[] genuineKeys) implements Serializable {
}
