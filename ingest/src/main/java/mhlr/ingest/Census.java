package mhlr.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mhlr.ingest.record.RecordCodec;
import mhlr.ingest.record.RecordSummary;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * What the driver needs to know of a read set before it writes anything: how many records were read and why each
 * skipped one was skipped, the faces that are exact copies of others, and each identity's usable faces. For a
 * training set that is all the driver needs to give labels. Taken from the records' summaries on the driver for a
 * small input ({@link PassOneSummaries}), else in one shuffle of them ({@link #take}) that is the second stage of
 * pass 1's own Spark job, so no image is read twice and no further job runs before the shards are written.
 *
 * @param codes records by skip reason's name, {@code ""} for faces (see {@link SkipTally#fromCodes})
 * @param identities per identity: its faces that are no copy of another (one per input hash) and their bytes
 * @param copied per input hash held by more than one face: which copy is kept and how many there are
 */
public record Census(Map<String, Long> codes, Map<String, IdentitySum> identities,
        Map<String, ContentCopies> copied) implements Serializable {

    /** Nothing counted yet. */
    public static Census empty() {
        return new Census(new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    /**
     * Shuffles every summary by its input hash (a skipped record by its source), so that every copy of the same
     * bytes meets in one partition ({@link SummaryPartitions} of them), takes each partition's census
     * ({@link CensusByContent}) and adds them up.
     */
    public static Census take(JavaRDD<byte[]> summaryBytes) {
        int shuffled = SummaryPartitions.of(summaryBytes.getNumPartitions(),
                summaryBytes.context().defaultParallelism());
        List<Census> partitions = summaryBytes
                .mapToPair(summary -> {
                    RecordSummary record = RecordCodec.decodeSummary(summary);
                    return new Tuple2<>(record.isFace() ? record.contentHash() : record.source(), summary);
                })
                .partitionBy(new HashPartitioner(shuffled))
                .values()
                .mapPartitions(new CensusByContent())
                .collect();
        Census total = empty();
        partitions.forEach(total::add);
        return total;
    }

    /** Adds another partition's census (its input hashes are not in this one). */
    public void add(Census other) {
        other.codes.forEach((code, count) -> codes.merge(code, count, Long::sum));
        other.identities.forEach((identity, sum) -> identities.merge(identity, sum, IdentitySum::plus));
        copied.putAll(other.copied);
    }

    /** The records read, by skip reason. */
    public SkipTally tally() {
        return SkipTally.fromCodes(codes);
    }

    /** The copy kept of each input hash held more than once, as its {@link TrainingSelection#copyKey}. */
    public Map<String, String> keptCopyByHash() {
        Map<String, String> kept = new HashMap<>();
        copied.forEach((hash, copies) -> kept.put(hash, copies.keptKey()));
        return kept;
    }

    /** Faces left out as copies of another (every copy of a hash but the kept one). */
    public long duplicates() {
        return copied.values().stream().mapToLong(copies -> copies.copies() - 1).sum();
    }
}
