package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import mhlr.ingest.record.RecordCodec;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Groups the faces of one partition of a shuffle by input hash (every copy of the same bytes lands in the same
 * partition) into their {@link ContentCopies}. A plain partition-and-merge instead of {@code reduceByKey}: Spark's
 * aggregating shuffle sizes its maps again and again while they grow, which cost more than the merging itself.
 */
final class ContentGroups
        implements PairFlatMapFunction<Iterator<Tuple2<String, byte[]>>, String, ContentCopies> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, ContentCopies>> call(Iterator<Tuple2<String, byte[]>> faces) {
        Map<String, ContentCopies> groups = new HashMap<>();
        while (faces.hasNext()) {
            Tuple2<String, byte[]> face = faces.next();
            groups.merge(face._1(), ContentCopies.of(RecordCodec.decodeSummary(face._2())), ContentCopies::merge);
        }
        return groups.entrySet().stream().map(group -> new Tuple2<>(group.getKey(), group.getValue())).iterator();
    }
}
