package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The {@link Census} of summaries that hold every copy of each input hash among them: one partition after a
 * shuffle by input hash, or every summary at once on the driver ({@link #count}). Counts the records by skip
 * reason, groups the faces by input hash into {@link ContentCopies}, keeps the groups of more than one copy and adds
 * the kept copy of every group to its identity's sum. A plain partition-and-merge instead of {@code reduceByKey}:
 * Spark's aggregating shuffle sizes its maps again and again while they grow, which cost more than the merging
 * itself.
 */
final class CensusByContent implements FlatMapFunction<Iterator<byte[]>, Census> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Census> call(Iterator<byte[]> summaries) {
        return List.of(count(summaries)).iterator();
    }

    /**
     * The census of {@code summaries} ({@link RecordCodec#summaryBytes}), which must hold every copy of each input
     * hash among them.
     */
    static Census count(Iterator<byte[]> summaries) {
        Census census = Census.empty();
        Map<String, ContentCopies> groups = new HashMap<>();
        while (summaries.hasNext()) {
            RecordSummary record = RecordCodec.decodeSummary(summaries.next());
            census.codes().merge(record.isFace() ? "" : record.reason().name(), 1L, Long::sum);
            if (record.isFace()) {
                groups.merge(record.contentHash(), ContentCopies.of(record), ContentCopies::merge);
            }
        }
        groups.forEach((hash, copies) -> {
            census.identities().merge(copies.identity(), new IdentitySum(1, copies.bytes()), IdentitySum::plus);
            if (copies.copies() > 1) {
                census.copied().put(hash, copies);
            }
        });
        return census;
    }
}
