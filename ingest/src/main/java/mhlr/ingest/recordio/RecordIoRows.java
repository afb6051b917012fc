package mhlr.ingest.recordio;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import mhlr.ingest.TrainingSelection;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * Keys the summary of each written training face ({@link RecordCodec#summaryBytes}, as cached) by its
 * {@link RecordIoOrder}; skipped records, duplicates and faces the filters left out give nothing, exactly as for the
 * Parquet shards.
 */
public final class RecordIoRows implements PairFlatMapFunction<byte[], RecordIoOrder, byte[]> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<TrainingSelection> selection;

    public RecordIoRows(Broadcast<TrainingSelection> selection) {
        this.selection = selection;
    }

    @Override
    public Iterator<Tuple2<RecordIoOrder, byte[]>> call(byte[] summary) {
        if (!RecordCodec.isFaceSummary(summary)) {
            return Collections.emptyIterator();
        }
        RecordSummary face = RecordCodec.decodeSummary(summary);
        TrainingSelection chosen = selection.value();
        if (chosen.leftOut(face.source(), face.identity(), face.contentHash()) != null) {
            return Collections.emptyIterator();
        }
        return List.of(new Tuple2<>(new RecordIoOrder(chosen.label(face.identity()), face.source()), summary))
                .iterator();
    }
}
