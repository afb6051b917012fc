package mhlr.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import mhlr.core.cli.UsageException;
import mhlr.core.format.RecordIoIndex;
import mhlr.core.format.RecordIoReader;
import mhlr.core.skip.BadRecordException;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * A local folder holding insightface's RecordIO training files, checked before training: {@link #REC}, its index
 * {@link #INDEX}, and when present {@link #PROPERTY} ({@code "<classes>,112,112"}, and the image count on a second
 * line as ingest writes it) and ingest's manifest.
 *
 * <p>The check takes the place of a shard set's manifest check: the index and the file sizes must agree. Every
 * offset in the index lies inside the {@code .rec}, and the records at the lowest and the highest offset frame
 * correctly (magic, length, padding), so the file starts with a record and its last record ends within it. When
 * ingest's manifest is there, every file it lists has the size it gives ({@link ShardSet#verify}; with
 * {@link ShardSet.Check#FULL} also the SHA-256). A failure is a {@link UsageException} naming the file, the key and
 * what is wrong.
 */
final class RecordIoFolder {
    /** The records: dmlc RecordIO framing, insightface's IRHeader in each payload. */
    static final String REC = ShardSchema.RECORDIO_FILE;
    /** One {@code key<TAB>offset} line per record of {@link #REC}. */
    static final String INDEX = ShardSchema.RECORDIO_INDEX;
    /** insightface's {@code "<classes>,<height>,<width>"} line. */
    static final String PROPERTY = ShardSchema.RECORDIO_PROPERTY;

    private final Path rec;
    private final RecordIoIndex index;
    private final OptionalInt propertyClasses;
    private final OptionalLong propertyImages;
    private final boolean manifest;

    private RecordIoFolder(Path rec, RecordIoIndex index, OptionalInt propertyClasses, OptionalLong propertyImages,
                           boolean manifest) {
        this.rec = rec;
        this.index = index;
        this.propertyClasses = propertyClasses;
        this.propertyImages = propertyImages;
        this.manifest = manifest;
    }

    /**
     * Whether {@code directory} is to be read as RecordIO: it holds {@link #REC} or {@link #INDEX}, and no manifest
     * listing Parquet shards (a folder ingest wrote in both formats is read from its Parquet shards).
     */
    static boolean holdsRecordIo(String directory) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(directory);
        try {
            FileSystem fileSystem = path.getFileSystem(new Configuration());
            if (!fileSystem.exists(new org.apache.hadoop.fs.Path(path, REC))
                    && !fileSystem.exists(new org.apache.hadoop.fs.Path(path, INDEX))) {
                return false;
            }
            if (!fileSystem.exists(ShardSet.manifestPath(path))) {
                return true;
            }
            List<ShardFile> shards;
            try {
                shards = ShardSet.open(directory).manifest().shards();
            } catch (UsageException unreadable) {
                return true;
            }
            return shards.stream().noneMatch(shard -> shard.file().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
    }

    /**
     * Finds and checks the files.
     *
     * @throws UsageException when a file is missing, the folder is not local, or the index, the sizes, the
     *     property file or the manifest disagree
     */
    static RecordIoFolder open(String directory, ShardSet.Check check) {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(directory);
        org.apache.hadoop.fs.Path qualified;
        try {
            FileSystem fileSystem = path.getFileSystem(new Configuration());
            if (!(fileSystem instanceof LocalFileSystem)) {
                throw new UsageException(directory + ": training reads RecordIO from a local folder only; copy it"
                        + " to local disk, or ingest it into Parquet shards with bin/ingest --format recordio");
            }
            qualified = fileSystem.makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory, e);
        }
        Path folder = Path.of(qualified.toUri().getPath());
        Path rec = folder.resolve(REC);
        Path idx = folder.resolve(INDEX);
        if (!Files.isRegularFile(idx)) {
            throw new UsageException(idx + " is missing: training from " + rec + " needs its index (a"
                    + " 'key<TAB>offset' line per record, which insightface and bin/ingest write beside it)");
        }
        if (!Files.isRegularFile(rec)) {
            throw new UsageException(rec + " is missing beside its index " + idx);
        }
        boolean manifest = Files.exists(Path.of(ShardSet.manifestPath(qualified).toUri().getPath()));
        if (manifest) {
            ShardSet set = ShardSet.open(directory);
            if (set.manifest().kind() != DatasetKind.TRAIN) {
                throw new UsageException(ShardSet.manifestPath(set.directory()) + " describes a "
                        + set.manifest().kind().jsonName() + " set; training needs a training set");
            }
            set.verify(check);
        }
        try {
            RecordIoIndex index = RecordIoIndex.read(idx);
            if (index.size() == 0) {
                throw new UsageException(idx + " lists no records");
            }
            checkSizes(rec, idx, index);
            Path property = folder.resolve(PROPERTY);
            OptionalInt classes = OptionalInt.empty();
            OptionalLong images = OptionalLong.empty();
            if (Files.isRegularFile(property)) {
                List<String> lines = Files.readAllLines(property, StandardCharsets.US_ASCII).stream()
                        .map(String::strip).filter(line -> !line.isEmpty()).toList();
                classes = OptionalInt.of(propertyNumber(property, lines.isEmpty() ? "" : lines.get(0).split(",")[0],
                        "the class count"));
                if (lines.size() > 1) {
                    images = OptionalLong.of(propertyNumber(property, lines.get(1), "the image count"));
                }
            }
            return new RecordIoFolder(rec, index, classes, images, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    /** Every offset inside the file; the first and the last record (by offset) frame correctly. */
    private static void checkSizes(Path rec, Path idx, RecordIoIndex index) throws IOException {
        long bytes = Files.size(rec);
        int first = 0;
        int last = 0;
        for (int i = 0; i < index.size(); i++) {
            long offset = index.offset(i);
            if (offset + 8 > bytes) {
                throw new UsageException(idx + ": key " + index.key(i) + " has offset " + offset + ", past the end"
                        + " of " + rec + " (" + bytes + " bytes; a record needs an 8-byte header there)");
            }
            first = offset < index.offset(first) ? i : first;
            last = offset > index.offset(last) ? i : last;
        }
        try (FileChannel channel = FileChannel.open(rec, StandardOpenOption.READ)) {
            for (int i : new int[] {first, last}) {
                try {
                    RecordIoReader.readAt(channel, index.offset(i), index.key(i), rec.toString());
                } catch (BadRecordException e) {
                    throw new UsageException(e.detail(), e);
                }
            }
        }
    }

    private static int propertyNumber(Path property, String text, String what) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value > 0) {
            return value;
        }
        throw new UsageException(property + ": expected " + what + " as a positive whole number, got '" + text
                + "' (insightface writes '<classes>,112,112')");
    }

    /** The {@code .rec} file. */
    Path rec() {
        return rec;
    }

    /** Every record's key and offset, in index order. */
    RecordIoIndex index() {
        return index;
    }

    /** The class count {@link #PROPERTY} gives, if the file is there. */
    OptionalInt propertyClasses() {
        return propertyClasses;
    }

    /** The image count on {@link #PROPERTY}'s second line, if there is one. */
    OptionalLong propertyImages() {
        return propertyImages;
    }

    /** Whether ingest's manifest was there (and so its checksums were checked as {@code verify} asked). */
    boolean hasManifest() {
        return manifest;
    }
}
