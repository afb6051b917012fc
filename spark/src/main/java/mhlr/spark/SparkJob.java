package mhlr.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.UsageException;

/**
 * What a job's command line says about its Spark application, in spark-submit's words: the master of
 * {@code --master}, the Spark properties of every {@code --conf KEY=VALUE} (later ones win, as in spark-submit),
 * and the job's name and input, which name the application ({@code mhlr-ingest: webface42m}) in Spark's UI,
 * logs and history server.
 *
 * @param name the job, e.g. {@code ingest}
 * @param input the path the job reads (its last element names the application)
 * @param master the {@code --master} flag, if given
 * @param properties the {@code --conf} properties in the order given
 */
public record SparkJob(String name, String input, Optional<String> master, Map<String, String> properties) {
    public static final String MASTER = "--master";
    public static final String CONF = "--conf";

    public SparkJob {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Adds {@code --master URL} and the repeatable {@code --conf KEY=VALUE} to a job's command line. */
    public static CommandLine.Builder flags(CommandLine.Builder builder) {
        return builder
                .optional(MASTER, "URL", "Spark master (default: spark.master, local[*])")
                .repeatable(CONF, "KEY=VALUE", "a Spark property, as spark-submit's --conf (repeatable;"
                        + " over spark.conf)");
    }

    /** The job's Spark flags, with the value of {@code inputFlag} as its input. */
    public static SparkJob from(String name, Arguments arguments, String inputFlag) {
        return new SparkJob(name, arguments.required(inputFlag), arguments.value(MASTER),
                properties(arguments.values(CONF)));
    }

    /**
     * The properties of {@code --conf KEY=VALUE} pairs.
     *
     * @throws UsageException for a pair without {@code =} or a key that is not a Spark property
     */
    public static Map<String, String> properties(List<String> pairs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException(CONF + " needs KEY=VALUE, got '" + pair + "'");
            }
            String key = pair.substring(0, equals).strip();
            if (!key.startsWith("spark.")) {
                throw new UsageException(CONF + " " + pair + ": '" + key + "' is not a Spark property (their names"
                        + " start with spark.; job settings go in --set)");
            }
            properties.put(key, pair.substring(equals + 1));
        }
        return properties;
    }

    /** The application's name when nothing names it: {@code mhlr-JOB: INPUT}, e.g. {@code mhlr-ingest: faces}. */
    public String applicationName() {
        return "mhlr-" + name + ": " + lastElement(input);
    }

    /** The last element of a path or URI: {@code /data/WebFace42M/} gives {@code WebFace42M}. */
    static String lastElement(String path) {
        String trimmed = path.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.isEmpty() ? path : last;
    }
}
