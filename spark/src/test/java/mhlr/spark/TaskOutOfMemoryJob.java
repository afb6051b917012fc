package mhlr.spark;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.Launcher;
import mhlr.core.output.OutputRules;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A command for {@link TaskOutOfMemoryTest}, run in its own JVM as a {@code bin/} command runs: on a session from
 * {@link SparkSessions}, one of its Spark tasks dies of a real {@link OutOfMemoryError} (an array larger than any
 * JVM allows) while the command's output is staged. Argument: the output directory.
 */
public final class TaskOutOfMemoryJob {
    /** Where the task's array goes, so the allocation cannot be optimised away. */
    static volatile byte[] held;

    private TaskOutOfMemoryJob() {
    }

    public static void main(String[] args) {
        Launcher.main("task-out-of-memory", args, arguments -> {
            SparkSession session = SparkSessions.start(ConfigFactory.parseString(
                    "spark { master = \"local[2]\", conf {} }"),
                    new SparkJob("task-out-of-memory", arguments[0], Optional.empty(),
                            Map.of("spark.ui.enabled", "false")));
            OutputRules<String> rules = OutputRules.<String>builder().ownMarker("done.txt").build();
            try (HadoopAtomicOutput output = HadoopAtomicOutput.begin(arguments[0], rules,
                    session.sparkContext().hadoopConfiguration())) {
                output.writeFile("done.txt", new byte[] {1});
                JavaSparkContext.fromSparkContext(session.sparkContext()).parallelize(List.of(1, 2), 2).map(i -> {
                    if (i == 2) {
                        held = new byte[Integer.MAX_VALUE];
                    }
                    return i;
                }).collect();
                output.commit();
            } finally {
                session.stop();
            }
        });
    }
}
