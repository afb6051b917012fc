package mhlr.ingest.shards;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FLOAT;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import mhlr.core.dataset.ShardSchema;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The Parquet message types of the files ingest writes, with the column names of core's {@link ShardSchema}.
 * Strings are UTF-8 ({@code BINARY} annotated {@code STRING}); the image is Hugging Face's {@code Image} struct:
 * {@code bytes} (the encoded face) and {@code path} (a string, always null here). The struct and its bytes are
 * declared optional though always written: Hugging Face datasets takes the {@code Image} feature from the footer
 * only when the file's field equals the feature's Arrow field exactly, and that one is nullable.
 */
public final class ParquetSchemas {
    /** Training shards: label, identity, image, source. */
    public static final MessageType TRAINING = Types.buildMessage()
            .required(INT32).named(ShardSchema.LABEL)
            .required(BINARY).as(stringType()).named(ShardSchema.IDENTITY)
            .optionalGroup()
                .optional(BINARY).named(ShardSchema.BYTES)
                .optional(BINARY).as(stringType()).named(ShardSchema.PATH)
                .named(ShardSchema.IMAGE)
            .required(BINARY).as(stringType()).named(ShardSchema.SOURCE)
            .named("training_shard");

    /** Evaluation shards: key, image, source, and IJB's template, media and detector score (null elsewhere). */
    public static final MessageType EVALUATION = Types.buildMessage()
            .required(BINARY).as(stringType()).named(ShardSchema.KEY)
            .optionalGroup()
                .optional(BINARY).named(ShardSchema.BYTES)
                .optional(BINARY).as(stringType()).named(ShardSchema.PATH)
                .named(ShardSchema.IMAGE)
            .required(BINARY).as(stringType()).named(ShardSchema.SOURCE)
            .optional(INT32).named(ShardSchema.TEMPLATE_ID)
            .optional(INT32).named(ShardSchema.MEDIA_ID)
            .optional(FLOAT).named(ShardSchema.DETECTOR_SCORE)
            .named("evaluation_shard");

    /** The pair list of an evaluation set. */
    public static final MessageType PAIRS = Types.buildMessage()
            .required(BINARY).as(stringType()).named(ShardSchema.PROTOCOL)
            .required(INT64).named(ShardSchema.PAIR_INDEX)
            .required(BINARY).as(stringType()).named(ShardSchema.LEFT)
            .required(BINARY).as(stringType()).named(ShardSchema.RIGHT)
            .required(BOOLEAN).named(ShardSchema.SAME)
            .required(INT32).named(ShardSchema.FOLD)
            .named("pairs");

    /** The 1:N identification lists. */
    public static final MessageType IDENTIFICATION = Types.buildMessage()
            .required(BINARY).as(stringType()).named(ShardSchema.PROTOCOL)
            .required(BINARY).as(stringType()).named(ShardSchema.IDENTIFICATION_SET)
            .required(INT64).named(ShardSchema.LINE)
            .required(INT32).named(ShardSchema.TEMPLATE_ID)
            .required(INT32).named(ShardSchema.SUBJECT_ID)
            .named("identification");

    /** The skipped table. */
    public static final MessageType SKIPPED = Types.buildMessage()
            .required(BINARY).as(stringType()).named(ShardSchema.SOURCE)
            .required(BINARY).as(stringType()).named(ShardSchema.REASON)
            .required(BINARY).as(stringType()).named(ShardSchema.DETAIL)
            .named("skipped");

    private ParquetSchemas() {
    }
}
