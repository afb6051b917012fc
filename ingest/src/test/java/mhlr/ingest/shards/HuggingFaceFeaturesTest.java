package mhlr.ingest.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import mhlr.core.dataset.ShardSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hugging Face datasets, given the footer of a shard as ingest writes it, sees the image column as an {@code Image}
 * feature (it does so only when the file's Arrow field equals the feature's own) and the label as a plain int32.
 * Needs python3 with pyarrow and datasets; skipped otherwise.
 */
class HuggingFaceFeaturesTest {
    private static final String SCRIPT = """
            import sys
            try:
                import pyarrow.parquet as pq
                from datasets import Features
            except ImportError as missing:
                print("missing " + missing.name)
                sys.exit(0)
            features = Features.from_arrow_schema(pq.read_schema(sys.argv[1]))
            print(type(features["image"]).__name__, features["label"].dtype, features["identity"].dtype)
            """;

    @TempDir
    Path directory;

    @Test
    void huggingFaceReadsTheImageColumnAsAnImageFeatureAndTheLabelAsAnInteger() throws Exception {
        Optional<Path> python = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(folder -> Path.of(folder, "python3")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(python.isPresent(), "python3 is not on the PATH");
        Path shard = directory.resolve(ShardSchema.shardName(0));
        write(shard);

        Process process = new ProcessBuilder(python.get().toString(), "-c", SCRIPT, shard.toString())
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.waitFor(), printed);
        Assumptions.assumeFalse(printed.startsWith("missing"), "python3 lacks a module: " + printed);
        assertEquals("Image int32 string", printed.lines().reduce((first, last) -> last).orElse(""));
    }

    private static void write(Path file) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(ParquetSchemas.TRAINING);
        try (ParquetWriter<Group> writer = ParquetFiles.writer(new org.apache.hadoop.fs.Path(file.toUri()),
                new Configuration(), ParquetSchemas.TRAINING, 1 << 20)) {
            Group row = groups.newGroup();
            row.add(ShardSchema.LABEL, 3);
            row.add(ShardSchema.IDENTITY, "person");
            row.addGroup(ShardSchema.IMAGE).add(ShardSchema.BYTES, Binary.fromConstantByteArray(new byte[] {1, 2}));
            row.add(ShardSchema.SOURCE, "person/1.jpg");
            writer.write(row);
        }
    }
}
