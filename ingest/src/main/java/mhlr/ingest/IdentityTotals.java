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
final class IdentityTotals implements PairFlatMapFunction<Iterator<Tuple2<String, IdentitySum>>, String, IdentitySum> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Tuple2<String, IdentitySum>> call(Iterator<Tuple2<String, IdentitySum>> sums) {
        Map<String, IdentitySum> totals = new HashMap<>();
        while (sums.hasNext()) {
            Tuple2<String, IdentitySum> sum = sums.next();
            totals.merge(sum._1(), sum._2(), IdentitySum::plus);
        }
        return totals.entrySet().stream().map(entry -> new Tuple2<>(entry.getKey(), entry.getValue())).iterator();
    }
}
