package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.source.EvaluationSource;
import mhlr.ingest.source.Protocol;
import mhlr.ingest.source.SourceContext;
import mhlr.ingest.source.SourceRecords;
import mhlr.spark.SharedLocalSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that dies midway leaves nothing a reader accepts, neither at the target nor in the staging directory. */
class IngestFailureTest {
    @TempDir
    Path temporary;

    @Test
    void crashAfterTheShardsAreWrittenLeavesNoDirectoryAReaderAccepts() throws IOException {
        Path target = temporary.resolve("eval");
        CrashingSource source = new CrashingSource(target, false);

        RuntimeException crash = assertThrows(RuntimeException.class, () -> run(source, target));

        assertEquals("simulated crash after the shards", crash.getMessage());
        assertTrue(source.shardsSeenInStaging > 0, "the crash came after shards were written");
        assertTrue(source.stagingRefused, "the staging directory, as a kill would leave it, is not a shard set");
        assertFalse(Files.exists(target));
        assertThrows(UsageException.class, () -> ShardSet.open(target.toString()));
        assertEquals(List.of(), entries(temporary), "the failed run cleaned up its staging directory");
    }

    @Test
    void failureOnAnExecutorWhilePreparingLeavesNothing() throws IOException {
        Path target = temporary.resolve("eval");
        CrashingSource source = new CrashingSource(target, true);

        Exception failure = assertThrows(Exception.class, () -> run(source, target));

        assertTrue(String.valueOf(failure.getMessage()).contains("simulated executor failure"), failure.toString());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), entries(temporary));
    }

    private static void run(CrashingSource source, Path target) {
        IngestSettings settings = IngestSettings.from(Settings.load(java.util.Optional.empty(),
                List.of("ingest.shard-rows=4", "ingest.progress-seconds=60")));
        Ingest.run(SharedLocalSpark.session(), settings, source, "generated", target.toString(), false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.toList();
        }
    }

    /** Twelve 112x112 faces; crashes in the pair stage (after the shards) or on an executor (record 7). */
    private static final class CrashingSource implements EvaluationSource {
        private final Path target;
        private final boolean failOnExecutor;
        private long shardsSeenInStaging;
        private boolean stagingRefused;

        CrashingSource(Path target, boolean failOnExecutor) {
            this.target = target;
            this.failOnExecutor = failOnExecutor;
        }

        @Override
        public SourceRecords read(SourceContext context) {
            List<Outcome> records = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                records.add(Outcome.face(FaceRecord.evaluation("face-" + i, "k" + i,
                        TestImages.jpeg(TestImages.picture(1, i, 112, 112)), null)));
            }
            boolean fail = failOnExecutor;
            return new SourceRecords(context.spark().parallelize(records, 3).map(record -> {
                if (fail && record.source().equals("face-7")) {
                    throw new IllegalStateException("simulated executor failure");
                }
                return record;
            }), records.size());
        }

        @Override
        public List<Protocol> protocols(SourceContext context) {
            return List.of(Protocol.tenfold("test"));
        }

        @Override
        public void pairs(SourceContext context, PairSink sink) throws IOException {
            try (Stream<Path> siblings = Files.list(target.getParent())) {
                Path staging = siblings.filter(p -> p.getFileName().toString().startsWith(".eval.partial-"))
                        .findFirst().orElseThrow();
                try (Stream<Path> files = Files.list(staging)) {
                    shardsSeenInStaging = files.filter(p -> p.getFileName().toString().startsWith("shard-")).count();
                }
                try {
                    ShardSet.open(staging.toString());
                } catch (UsageException refused) {
                    stagingRefused = refused.getMessage().contains("manifest.json");
                }
            }
            throw new IllegalStateException("simulated crash after the shards");
        }
    }
}
