package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.Tuple2;

/**
 * One partition's {@link Census}, after a shuffle that put every copy of the same input bytes into the same
 * partition: counts the records by skip reason, groups the faces by input hash into {@link ContentCopies}, keeps
 * the groups of more than one copy and adds the kept copy of every group to its identity's sum. A plain
 * partition-and-merge instead of {@code reduceByKey}: Spark's aggregating shuffle sizes its maps again and again
 * while they grow, which cost more than the merging itself.
 */
final class CensusByContent implements FlatMapFunction<Iterator<Tuple2<String, byte[]>>, Census> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Census> call(Iterator<Tuple2<String, byte[]>> summaries) {
        Census census = Census.empty();
        Map<String, ContentCopies> groups = new HashMap<>();
        while (summaries.hasNext()) {
            Tuple2<String, byte[]> summary = summaries.next();
            RecordSummary record = RecordCodec.decodeSummary(summary._2());
            census.codes().merge(record.isFace() ? "" : record.reason().name(), 1L, Long::sum);
            if (record.isFace()) {
                groups.merge(summary._1(), ContentCopies.of(record), ContentCopies::merge);
            }
        }
        groups.forEach((hash, copies) -> {
            census.identities().merge(copies.identity(), new IdentitySum(1, copies.bytes()), IdentitySum::plus);
            if (copies.copies() > 1) {
                census.copied().put(hash, copies);
            }
        });
        return List.of(census).iterator();
    }
}
