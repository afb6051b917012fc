package mhlr.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import mhlr.core.cli.UsageException;
import mhlr.core.format.RecordIoIndex;
import mhlr.core.format.RecordIoLayout;
import mhlr.core.format.RecordIoReader;
import mhlr.core.format.RecordIoRecord;
import mhlr.core.skip.BadRecordException;
import mhlr.core.dataset.ShardSet;

/**
 * A training set read straight from insightface's {@code train.rec} + {@code train.idx} ({@link RecordIoFolder}),
 * either insightface's own layout (record 0 a meta header {@code [A, B]}, images at keys {@code 1 .. A-1}, identity
 * records after them) or ingest's (every key an image), as core's {@link RecordIoReader#layout()} tells them apart.
 *
 * <p>Classes: {@code property}'s count when the file is there, else the identity records' count {@code B - A} of a
 * meta header, else the largest label + 1 from a read of every image record. Labels are whole-number floats in the
 * records; one outside {@code 0 .. classes - 1} stops training naming its key.
 *
 * <p>The file is one shard, and its row groups are blocks of {@value #RECORDS_PER_BLOCK} records (about the 4 MB of
 * ingest's Parquet row groups). insightface's files are grouped by class, so a block of consecutive records would
 * hold a class or two; instead, the image records are put in a fixed pseudo-random order once (what ingest's global
 * shuffle does for Parquet shards) and cut into blocks. Every epoch then shuffles the blocks and passes the rows
 * through the shuffle buffer, as for Parquet. Reading a block costs one positioned read per record, which is what
 * insightface's own loader pays per image.
 */
public final class RecordIoTrainingSet implements TrainingData {
    /** Records per row group. */
    static final int RECORDS_PER_BLOCK = 512;
    /** Seeds the fixed order of the image records, which does not depend on the run's seed. */
    private static final long BLOCK_ORDER = 0x5245_434F_5244_494FL;

    private final Path rec;
    private final RecordIoIndex images;
    private final int classes;
    private final int[] blockOrder;
    private final List<RowGroup> blocks;

    private RecordIoTrainingSet(Path rec, RecordIoIndex images, int classes, int recordsPerBlock) {
        this.rec = rec;
        this.images = images;
        this.classes = classes;
        this.blockOrder = blockOrder(images.size());
        List<RowGroup> groups = new ArrayList<>();
        for (int first = 0, block = 0; first < images.size(); first += recordsPerBlock, block++) {
            groups.add(new RowGroup(0, RecordIoFolder.REC, block, first,
                    Math.min(recordsPerBlock, images.size() - first)));
        }
        this.blocks = List.copyOf(groups);
    }

    /**
     * Opens and checks the RecordIO folder {@code directory}. With {@link ShardSet.Check#FULL} and no manifest
     * (whose SHA-256 would cover it), every image record is read once before training.
     *
     * @throws UsageException when a file is missing or the index, the sizes, a record or a label is wrong, naming
     *     the file and the key
     */
    public static RecordIoTrainingSet open(String directory, ShardSet.Check check) {
        return open(directory, check, RECORDS_PER_BLOCK);
    }

    static RecordIoTrainingSet open(String directory, ShardSet.Check check, int recordsPerBlock) {
        RecordIoFolder folder = RecordIoFolder.open(directory, check);
        try (RecordIoReader reader = RecordIoReader.open(folder.rec(), folder.index())) {
            RecordIoLayout layout = reader.layout();
            RecordIoIndex images = reader.images();
            if (images.size() == 0) {
                throw new UsageException(folder.rec() + " holds no image records (its index lists "
                        + folder.index().size() + " records)");
            }
            if (folder.propertyImages().isPresent() && folder.propertyImages().getAsLong() != images.size()) {
                throw new UsageException(folder.rec().resolveSibling(RecordIoFolder.PROPERTY) + " says "
                        + folder.propertyImages().getAsLong() + " images, but " + folder.rec().resolveSibling(
                        RecordIoFolder.INDEX) + " lists " + images.size() + " image records");
            }
            int classes;
            boolean everyRecordRead = false;
            if (folder.propertyClasses().isPresent()) {
                classes = folder.propertyClasses().getAsInt();
            } else if (layout.hasMeta() && layout.identityEnd() > layout.imageEnd()) {
                classes = Math.toIntExact(layout.identityEnd() - layout.imageEnd());
            } else {
                classes = largestLabel(reader, folder, images, Integer.MAX_VALUE) + 1;
                everyRecordRead = true;
            }
            if (check == ShardSet.Check.FULL && !folder.hasManifest() && !everyRecordRead) {
                largestLabel(reader, folder, images, classes);
            }
            return new RecordIoTrainingSet(folder.rec(), images, classes, recordsPerBlock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.rec(), e);
        }
    }

    /** Reads every image record; the largest label, each checked against {@code classes}. */
    private static int largestLabel(RecordIoReader reader, RecordIoFolder folder, RecordIoIndex images, int classes)
            throws IOException {
        int largest = -1;
        for (int i = 0; i < images.size(); i++) {
            try {
                largest = Math.max(largest, label(reader.read(images.key(i)), folder.rec().toString(), classes));
            } catch (BadRecordException e) {
                throw new UsageException(e.detail(), e);
            }
        }
        return largest;
    }

    /**
     * A record's label as a class number.
     *
     * @throws UsageException naming the key when it is not a whole number in {@code 0 .. classes - 1}
     */
    static int label(RecordIoRecord record, String rec, int classes) {
        float label = record.label();
        boolean whole = label == Math.rint(label);
        if (label < 0 || !whole) {
            throw new UsageException(rec + ": key " + record.key() + " has label " + label
                    + ", not a class number (a whole number from 0)");
        }
        if (label >= classes) {
            throw new UsageException(rec + ": key " + record.key() + " has label " + (long) label + ", outside 0.."
                    + (classes - 1) + " (the set's " + classes + " classes)");
        }
        return (int) label;
    }

    /**
     * The image indices in block order: a fixed shuffle. (Sorting each block by offset would read the file front to
     * back, but bring back its class order whenever a block spans much of a small file.)
     */
    private static int[] blockOrder(int count) {
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(BLOCK_ORDER, count));
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    @Override
    public long images() {
        return images.size();
    }

    @Override
    public int classes() {
        return classes;
    }

    /** One: the {@code .rec}. */
    @Override
    public int shardCount() {
        return 1;
    }

    @Override
    public List<RowGroup> rowGroups(int shard) {
        if (shard != 0) {
            throw new IndexOutOfBoundsException("a RecordIO set is one shard, not " + (shard + 1));
        }
        return blocks;
    }

    @Override
    public RowGroupReader openReader() {
        try {
            return new RecordBlockReader(FileChannel.open(rec));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + rec, e);
        }
    }

    /** Reads the records of a block through its own channel. */
    private final class RecordBlockReader implements RowGroupReader {
        private final FileChannel channel;
        private final String source = rec.toString();

        RecordBlockReader(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public List<EncodedSample> read(RowGroup group, long firstReadPosition) {
            List<EncodedSample> samples = new ArrayList<>(group.rows());
            for (int row = 0; row < group.rows(); row++) {
                int image = blockOrder[Math.toIntExact(group.firstRow() + row)];
                long key = images.key(image);
                RecordIoRecord record;
                try {
                    record = RecordIoReader.readAt(channel, images.offset(image), key, source);
                } catch (BadRecordException e) {
                    throw new UsageException(e.detail(), e);
                } catch (IOException e) {
                    throw new UsageException("cannot read " + source + " key " + key + ": " + e.getMessage(), e);
                }
                samples.add(new EncodedSample(firstReadPosition + row, label(record, source, classes), record.image(),
                        source + " key " + key));
            }
            return samples;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + source, e);
            }
        }
    }
}
