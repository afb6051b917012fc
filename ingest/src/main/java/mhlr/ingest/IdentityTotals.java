package mhlr.ingest;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;

/**
 * Adds up the per-partition {@link IdentityUsage} sums of one identity, after a plain shuffle by identity (no
 * {@code reduceByKey}: its map-side and reduce-side maps are sized again and again while they grow).
 */
final class IdentityTotals implements PairFlatMapFunction<Iterator<Tuple2<String, long[]>>, String, long[]> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, long[]>> call(Iterator<Tuple2<String, long[]>> sums) {
        Map<String, long[]> totals = new HashMap<>();
        while (sums.hasNext()) {
            Tuple2<String, long[]> sum = sums.next();
            long[] total = totals.computeIfAbsent(sum._1(), identity -> new long[2]);
            total[0] += sum._2()[0];
            total[1] += sum._2()[1];
        }
        return totals.entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator();
    }
}
