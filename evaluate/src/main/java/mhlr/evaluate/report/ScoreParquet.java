package mhlr.evaluate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Per-pair scores as Parquet, written straight from primitive arrays (no row objects, no Spark SQL): IJB-C's
 * 15.66 million pairs are written by the scoring tasks themselves, one file per block.
 * <ul>
 *   <li>IJB: {@code pair_index int64, left_template int32, right_template int32, same boolean, score double}</li>
 *   <li>10-fold: {@code pair_index int64, left string, right string, same boolean, fold int32,
 *       distance double} (squared distance of the normalised features; the fold is the 10-fold split's)</li>
 * </ul>
 */
public final class ScoreParquet {
    /** The IJB score table's schema. */
    public static final MessageType IJB_SCHEMA = MessageTypeParser.parseMessageType("message ijb_scores {"
            + " required int64 pair_index; required int32 left_template; required int32 right_template;"
            + " required boolean same; required double score; }");
    /** The 10-fold score table's schema. */
    public static final MessageType TENFOLD_SCHEMA = MessageTypeParser.parseMessageType("message tenfold_scores {"
            + " required int64 pair_index; required binary left (STRING); required binary right (STRING);"
            + " required boolean same; required int32 fold; required double distance; }");

    private ScoreParquet() {
    }

    /** Writes one row per call with the consumer; the row index is the record. */
    @FunctionalInterface
    public interface Rows {
        void write(RecordConsumer consumer, int row);
    }

    /** Writes IJB scores for pairs {@code [0, scores.length)} of a block starting at {@code firstPair}. */
    public static void writeIjb(Path file, Configuration hadoop, long firstPair, int[] leftTemplates,
            int[] rightTemplates, boolean[] same, double[] scores) {
        write(file, hadoop, IJB_SCHEMA, scores.length, (consumer, row) -> {
            field(consumer, "pair_index", 0, () -> consumer.addLong(firstPair + row));
            field(consumer, "left_template", 1, () -> consumer.addInteger(leftTemplates[row]));
            field(consumer, "right_template", 2, () -> consumer.addInteger(rightTemplates[row]));
            field(consumer, "same", 3, () -> consumer.addBoolean(same[row]));
            field(consumer, "score", 4, () -> consumer.addDouble(scores[row]));
        });
    }

    /** Writes 10-fold distances. */
    public static void writeTenFold(Path file, Configuration hadoop, String[] left, String[] right, boolean[] same,
            int[] folds, double[] distances) {
        write(file, hadoop, TENFOLD_SCHEMA, distances.length, (consumer, row) -> {
            field(consumer, "pair_index", 0, () -> consumer.addLong(row));
            field(consumer, "left", 1, () -> consumer.addBinary(Binary.fromString(left[row])));
            field(consumer, "right", 2, () -> consumer.addBinary(Binary.fromString(right[row])));
            field(consumer, "same", 3, () -> consumer.addBoolean(same[row]));
            field(consumer, "fold", 4, () -> consumer.addInteger(folds[row]));
            field(consumer, "distance", 5, () -> consumer.addDouble(distances[row]));
        });
    }

    private static void field(RecordConsumer consumer, String name, int index, Runnable value) {
        consumer.startField(name, index);
        value.run();
        consumer.endField(name, index);
    }

    /** Writes {@code count} rows to a new file. */
    public static void write(Path file, Configuration hadoop, MessageType schema, int count, Rows rows) {
        try {
            OutputFile output = HadoopOutputFile.fromPath(file, hadoop);
            try (ParquetWriter<Integer> writer = new Builder(output, schema, rows)
                    .withConf(hadoop)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .build()) {
                for (int row = 0; row < count; row++) {
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write scores to " + file, e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final MessageType schema;
        private final Rows rows;

        Builder(OutputFile file, MessageType schema, Rows rows) {
            super(file);
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return new WriteSupport<>() {
                private RecordConsumer consumer;

                @Override
                public WriteContext init(Configuration configuration) {
                    return new WriteContext(schema, Map.of());
                }

                @Override
                public void prepareForWrite(RecordConsumer recordConsumer) {
                    this.consumer = recordConsumer;
                }

                @Override
                public void write(Integer row) {
                    consumer.startMessage();
                    rows.write(consumer, row);
                    consumer.endMessage();
                }
            };
        }
    }
}
