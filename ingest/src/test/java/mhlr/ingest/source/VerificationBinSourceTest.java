package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mhlr.core.format.VerificationBin;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.testing.TestImages;
import mhlr.ingest.IngestRun;
import mhlr.ingest.ShardContents;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationBinSourceTest {
    @TempDir
    Path temporary;

    @Test
    void everyBinBecomesAProtocolWithItsPairsFoldsAndUnchangedFaces() throws IOException {
        Path input = Files.createDirectories(temporary.resolve("bins"));
        Map<String, VerificationBin> bins = new HashMap<>();
        for (String name : List.of("agedb_30", "lfw")) {
            List<byte[]> images = new ArrayList<>();
            boolean[] same = new boolean[20];
            for (int pair = 0; pair < same.length; pair++) {
                same[pair] = pair % 2 == 0;
                images.add(TestImages.jpeg(TestImages.picture(name.length(), 2 * pair, 112, 112)));
                images.add(TestImages.jpeg(TestImages.picture(name.length(), 2 * pair + 1, 112, 112)));
            }
            VerificationBin bin = VerificationBin.of(images, same);
            bin.write(input.resolve(name + ".bin"));
            bins.put(name, bin);
        }
        Path output = temporary.resolve("shards");

        IngestRun run = IngestRun.of("--format", "bin", "--input", input.toString(), "--output", output.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(80, manifest.counts().written());
        assertEquals(List.of(new ProtocolEntry("agedb_30", ProtocolEntry.TENFOLD, 20, 10),
                new ProtocolEntry("lfw", ProtocolEntry.TENFOLD, 20, 10)), manifest.protocols());
        for (Group row : ShardContents.shardRows(output)) {
            String[] key = row.getString("key", 0).split("/");
            byte[] original = bins.get(key[0]).images().get(Integer.parseInt(key[1]));
            assertArrayEquals(original, ShardContents.imageBytes(row), "112x112 JPEG passes through");
        }
        List<Group> pairs = ShardContents.rows(output.resolve(ShardSchema.PAIRS_FILE));
        assertEquals(40, pairs.size());
        Group last = pairs.get(39);
        assertEquals("lfw", last.getString("protocol", 0));
        assertEquals(19, last.getLong("pair_index", 0));
        assertEquals("lfw/38", last.getString("left", 0));
        assertEquals("lfw/39", last.getString("right", 0));
        assertEquals(9, last.getInteger("fold", 0));
        assertTrue(pairs.get(0).getBoolean("same", 0));
    }
}
