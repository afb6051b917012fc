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
 * Keys each written training face ({@link RecordCodec} bytes, as cached) by its {@link RecordIoOrder}; skipped
 * records, duplicates and faces the filters left out give nothing, exactly as for the Parquet shards.
 */
public final class RecordIoRows implements PairFlatMapFunction<byte[], RecordIoOrder, byte[]> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<TrainingSelection> selection;

    public RecordIoRows(Broadcast<TrainingSelection> selection) {
        this.selection = selection;
    }

    @Override
    public Iterator<Tuple2<RecordIoOrder, byte[]>> call(byte[] record) {
        if (!RecordCodec.isFace(record)) {
            return Collections.emptyIterator();
        }
        RecordSummary face = RecordCodec.summary(record);
        TrainingSelection chosen = selection.value();
        if (chosen.leftOut(face.source(), face.identity(), face.contentHash()) != null) {
            return Collections.emptyIterator();
        }
        return List.of(new Tuple2<>(new RecordIoOrder(chosen.label(face.identity()), face.source()), record))
                .iterator();
    }
}
