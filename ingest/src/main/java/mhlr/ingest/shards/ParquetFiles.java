package mhlr.ingest.shards;

import java.io.IOException;
import mhlr.core.dataset.ShardSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Opens Parquet writers with every setting fixed, so the same rows give the same bytes on any machine:
 * the footer's encodings sorted ({@link CanonicalFooterOutputFile}), no compression (JPEG bytes do not compress, and readers need no codec), Parquet 1.0 pages, dictionaries for
 * the short strings only, no statistics for the image bytes (min/max of JPEG bytes are useless and large); image
 * files carry the Hugging Face features ({@link HuggingFaceFeatures}).
 */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    /** A writer of {@code schema} rows to {@code path}, replacing a file of that name. */
    public static ParquetWriter<Group> writer(Path path, Configuration hadoop, MessageType schema, long rowGroupBytes)
            throws IOException {
        return writer(CanonicalFooterOutputFile.at(path, hadoop), hadoop, schema, rowGroupBytes);
    }

    /** A writer into {@code file}, which gives the written file's length and SHA-256 once the writer is closed. */
    static ParquetWriter<Group> writer(CanonicalFooterOutputFile file, Configuration hadoop, MessageType schema,
            long rowGroupBytes) throws IOException {
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(file)
                .withConf(hadoop)
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withRowGroupSize(rowGroupBytes)
                .withMaxPaddingSize(0)
                .withDictionaryEncoding(true)
                .withValidation(false);
        if (schema.containsField(ShardSchema.IMAGE)) {
            builder.withDictionaryEncoding(ShardSchema.IMAGE_BYTES, false)
                    .withStatisticsEnabled(ShardSchema.IMAGE_BYTES, false)
                    .withSizeStatisticsEnabled(ShardSchema.IMAGE_BYTES, false)
                    .withExtraMetaData(HuggingFaceFeatures.metadata(schema));
        }
        return builder.build();
    }
}
