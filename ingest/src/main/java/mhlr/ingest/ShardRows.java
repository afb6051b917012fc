package mhlr.ingest;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import mhlr.ingest.shards.ShardOrder;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Turns the summary of each record that is written ({@link RecordCodec#summaryBytes}) into its shard row: keyed by
 * its {@link ShardOrder}, the summary bytes as they are (the shuffle moves small byte arrays; the face's bytes are
 * read from where pass 1 spilled them, and the label given, when the shard is written). Skipped records, duplicates
 * and faces the filters left out give nothing.
 */
final class ShardRows implements PairFlatMapFunction<byte[], ShardOrder, byte[]> {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int shards;
    private final Broadcast<TrainingSelection> selection;

    /** @param selection the training selection, or {@code null} for evaluation (every face is written) */
    ShardRows(long seed, int shards, Broadcast<TrainingSelection> selection) {
        this.seed = seed;
        this.shards = shards;
        this.selection = selection;
    }

    @Override
    public Iterator<Tuple2<ShardOrder, byte[]>> call(byte[] summary) {
        if (!RecordCodec.isFaceSummary(summary)) {
            return Collections.emptyIterator();
        }
        RecordSummary face = RecordCodec.decodeSummary(summary);
        if (selection != null
                && selection.value().leftOut(face.source(), face.identity(), face.contentHash()) != null) {
            return Collections.emptyIterator();
        }
        return List.of(new Tuple2<>(ShardOrder.of(seed, face.source(), shards), summary)).iterator();
    }
}
