package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Sums the kept copies of one partition by identity: an {@link IdentitySum} per identity, which
 * {@link IdentityTotals} adds up across partitions.
 */
final class IdentityUsage implements PairFlatMapFunction<Iterator<ContentCopies>, String, IdentitySum> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, IdentitySum>> call(Iterator<ContentCopies> groups) {
        Map<String, IdentitySum> usage = new HashMap<>();
        while (groups.hasNext()) {
            ContentCopies kept = groups.next();
            usage.merge(kept.identity(), new IdentitySum(1, kept.bytes()), IdentitySum::plus);
        }
        return usage.entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator();
    }
}
