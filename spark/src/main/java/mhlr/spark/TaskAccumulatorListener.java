package mhlr.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Follows one named long accumulator on the driver while tasks run: the values of finished tasks (from task
 * end events) plus the latest values of running tasks (from executor heartbeats), so a long task shows
 * progress before it ends. Failed attempts do not count; a retried task counts once it succeeds.
 */
final class TaskAccumulatorListener extends SparkListener {
    private final long accumulatorId;
    private final AtomicLong finished = new AtomicLong();
    private final Map<Long, Long> running = new ConcurrentHashMap<>();

    TaskAccumulatorListener(long accumulatorId) {
        this.accumulatorId = accumulatorId;
    }

    /** The sum over finished tasks and the latest heartbeat of each running task. */
    long value() {
        long total = finished.get();
        for (long value : running.values()) {
            total += value;
        }
        return total;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        long taskId = taskEnd.taskInfo().taskId();
        if (taskEnd.taskInfo().successful()) {
            for (AccumulableInfo info : CollectionConverters.asJava(taskEnd.taskInfo().accumulables())) {
                if (info.id() == accumulatorId) {
                    finished.addAndGet(longValue(info.update()));
                }
            }
        }
        running.remove(taskId);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            long taskId = ((Number) task._1()).longValue();
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if (info.id() == accumulatorId) {
                    running.put(taskId, longValue(info.update()));
                }
            }
        }
    }

    private static long longValue(scala.Option<Object> value) {
        return value.isDefined() && value.get() instanceof Number number ? number.longValue() : 0L;
    }
}
