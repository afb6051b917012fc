package mhlr.ingest.shards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.dataset.ShardSchema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * The Parquet key-value metadata Hugging Face datasets reads its features from ({@code huggingface}:
 * {@code {"info": {"features": {...}}}}): the image column is an {@code Image} feature, so
 * {@code load_dataset("parquet", ...)} yields PIL images; every other column a plain {@code Value} of its type
 * (the label stays an integer: a class-name list of 600k identities does not belong in every footer).
 */
final class HuggingFaceFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HuggingFaceFeatures() {
    }

    /** The metadata entry for files of {@code schema}, in column order. */
    static Map<String, String> metadata(MessageType schema) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (Type field : schema.getFields()) {
            // Ordered maps: Map.of iterates in an order salted per JVM, and the footer must be the same bytes in every one.
            Map<String, String> feature = new LinkedHashMap<>();
            if (field.getName().equals(ShardSchema.IMAGE)) {
                feature.put("_type", "Image");
            } else {
                feature.put("dtype", dtype(field));
                feature.put("_type", "Value");
            }
            features.put(field.getName(), feature);
        }
        try {
            return Map.of(ShardSchema.HUGGING_FACE_METADATA,
                    JSON.writeValueAsString(Map.of("info", Map.of("features", features))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the Hugging Face features", e);
        }
    }

    private static String dtype(Type field) {
        return switch (field.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> "int32";
            case INT64 -> "int64";
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case BOOLEAN -> "bool";
            case BINARY -> field.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                    ? "string" : "binary";
            default -> throw new IllegalArgumentException("no Hugging Face dtype for column " + field);
        };
    }
}
