package mhlr.evaluate.embed;

import java.util.List;
import mhlr.evaluate.report.ScoreParquet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * {@code bin/embed}'s Parquet rows, one file per Spark partition in partition order:
 * {@code source string, identity string (training sets), key string (evaluation sets), label int32 (training
 * sets), embedding array<float>, flip_embedding array<float>} (the model's outputs before normalisation, of the
 * image and of its horizontal flip; standard three-level lists, read as {@code array<float>} by Spark, pandas and
 * pyarrow).
 */
public final class EmbeddingParquet {
    /** The schema. */
    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message embeddings {"
            + " required binary source (STRING); optional binary identity (STRING); optional binary key (STRING);"
            + " optional int32 label;"
            + " required group embedding (LIST) { repeated group list { required float element; } }"
            + " required group flip_embedding (LIST) { repeated group list { required float element; } } }");

    private EmbeddingParquet() {
    }

    /** Writes {@code rows} to a new file. */
    public static void write(Path file, Configuration hadoop, List<ImageEmbedding> rows) {
        ScoreParquet.write(file, hadoop, SCHEMA, rows.size(), (consumer, index) -> {
            ImageEmbedding row = rows.get(index);
            string(consumer, "source", 0, row.source());
            string(consumer, "identity", 1, row.identity());
            string(consumer, "key", 2, row.key());
            if (row.label() != null) {
                consumer.startField("label", 3);
                consumer.addInteger(row.label());
                consumer.endField("label", 3);
            }
            int dimension = row.features().length / 2;
            floats(consumer, "embedding", 4, row.features(), 0, dimension);
            floats(consumer, "flip_embedding", 5, row.features(), dimension, dimension);
        });
    }

    private static void string(RecordConsumer consumer, String name, int index, String value) {
        if (value != null) {
            consumer.startField(name, index);
            consumer.addBinary(Binary.fromString(value));
            consumer.endField(name, index);
        }
    }

    private static void floats(RecordConsumer consumer, String name, int index, float[] values, int from, int count) {
        consumer.startField(name, index);
        consumer.startGroup();
        if (count > 0) {
            consumer.startField("list", 0);
            for (int k = from; k < from + count; k++) {
                consumer.startGroup();
                consumer.startField("element", 0);
                consumer.addFloat(values[k]);
                consumer.endField("element", 0);
                consumer.endGroup();
            }
            consumer.endField("list", 0);
        }
        consumer.endGroup();
        consumer.endField(name, index);
    }
}
