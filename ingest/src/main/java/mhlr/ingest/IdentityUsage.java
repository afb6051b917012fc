package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Sums the kept copies of one partition by identity: {@code {images, stored bytes}} per identity, which
 * {@link IdentityTotals} adds up across partitions.
 */
final class IdentityUsage implements PairFlatMapFunction<Iterator<ContentCopies>, String, long[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, long[]>> call(Iterator<ContentCopies> groups) {
        Map<String, long[]> usage = new HashMap<>();
        while (groups.hasNext()) {
            ContentCopies kept = groups.next();
            long[] sums = usage.computeIfAbsent(kept.identity(), identity -> new long[2]);
            sums[0]++;
            sums[1] += kept.bytes();
        }
        return usage.entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator();
    }
}
