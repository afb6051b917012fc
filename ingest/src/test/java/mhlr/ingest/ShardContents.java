package mhlr.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads what ingest wrote, with plain parquet-hadoop as the trainer does. */
public final class ShardContents {
    private ShardContents() {
    }

    /** Every row of a Parquet file. */
    public static List<Group> rows(Path file) {
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Every row of every shard of a verified shard set, in manifest order. */
    public static List<Group> shardRows(Path directory) {
        ShardSet set = ShardSet.open(directory.toString()).verify(ShardSet.Check.FULL);
        List<Group> rows = new ArrayList<>();
        for (ShardFile shard : set.manifest().shards()) {
            rows.addAll(rows(directory.resolve(shard.file())));
        }
        return rows;
    }

    /** The lines of skipped.csv without its header. */
    public static List<String> skippedLines(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve(ShardSchema.SKIPPED_CSV), StandardCharsets.UTF_8);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored face decoded. */
    /** The encoded image of a shard row (the bytes of its image struct). */
    public static byte[] imageBytes(Group row) {
        return row.getGroup(ShardSchema.IMAGE, 0).getBinary(ShardSchema.BYTES, 0).getBytes();
    }

    public static BufferedImage image(Group row) {
        try {
            return ImageIO.read(new ByteArrayInputStream(imageBytes(row)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
