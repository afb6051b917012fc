package mhlr.ingest.source;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import mhlr.core.cli.UsageException;
import mhlr.core.format.RecordIoIndex;
import mhlr.core.format.RecordIoLayout;
import mhlr.core.format.RecordIoReader;
import mhlr.core.format.RecordIoRecord;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * {@code --format recordio}: an insightface {@code train.rec} with its {@code train.idx} ({@code --input} is the
 * directory holding them, or the {@code .rec} file with the {@code .idx} beside it). The driver reads the index
 * and record 0 (core's {@link RecordIoReader} decides from it which keys are images: with a meta header only keys
 * {@code 1 .. A-1}, without one every key); the image keys, sorted by offset, are cut into contiguous slices and
 * each Spark task reads its slice front to back. The identity of a record is its label (element 0 of an array
 * label) as an 8-digit number, so sorted identities keep the label order. A record that does not frame is skipped
 * as {@link SkipReason#BAD_RECORD}; its source is {@code train.rec#KEY}.
 */
public final class RecordIoSource implements Source {

    @Override
    public DatasetKind kind() {
        return DatasetKind.TRAIN;
    }

    @Override
    public SourceRecords read(SourceContext context) {
        FileSystem fileSystem = context.fileSystem();
        Path[] files = recAndIdx(context, fileSystem);
        Path rec = files[0];
        Path idx = files[1];
        RecordIoIndex images;
        try (DriverCopy local = DriverFiles.local(fileSystem, idx)) {
            RecordIoIndex index = RecordIoIndex.read(local.path());
            images = index.select(layout(fileSystem, rec, index)::isImage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + idx, e);
        }
        if (images.size() == 0) {
            throw new UsageException(idx + " lists no image records");
        }
        List<Slice> slices = slices(images, context.partitions(images.size(), images.size()));
        ReadSlice read = new ReadSlice(rec.toString(), rec.getName(), context.hadoopForExecutors());
        return new SourceRecords(context.spark().parallelize(slices, slices.size()).flatMap(read), images.size());
    }

    private static Path[] recAndIdx(SourceContext context, FileSystem fileSystem) {
        Path given = context.inputPath();
        try {
            FileStatus status = fileSystem.getFileStatus(given);
            Path rec;
            if (status.isDirectory()) {
                rec = new Path(given, "train.rec");
                if (!fileSystem.exists(rec)) {
                    FileStatus[] recs = Arrays.stream(fileSystem.listStatus(given))
                            .filter(s -> s.isFile() && s.getPath().getName().endsWith(".rec")).toArray(FileStatus[]::new);
                    if (recs.length != 1) {
                        throw new UsageException("--input " + context.input() + " has no train.rec"
                                + (recs.length > 1 ? " and several .rec files; name one" : ""));
                    }
                    rec = recs[0].getPath();
                }
            } else {
                rec = given;
            }
            String name = rec.getName();
            String stem = name.endsWith(".rec") ? name.substring(0, name.length() - 4) : name;
            Path idx = new Path(rec.getParent(), stem + ".idx");
            context.requireFile(idx, "the RecordIO index (needed beside " + name + ")");
            return new Path[] {rec, idx};
        } catch (java.io.FileNotFoundException e) {
            throw new UsageException("--input " + context.input() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + context.input(), e);
        }
    }

    /** Which keys are images: core's reader decides from record 0. */
    private static RecordIoLayout layout(FileSystem fileSystem, Path rec, RecordIoIndex index) throws IOException {
        if (DriverFiles.isLocal(fileSystem)) {
            try (DriverCopy local = DriverFiles.local(fileSystem, rec);
                    RecordIoReader reader = RecordIoReader.open(local.path(), index)) {
                return reader.layout();
            }
        }
        if (!index.contains(0)) {
            return RecordIoLayout.ALL_IMAGES;
        }
        RecordIoRecord first;
        try (HadoopChannel channel = HadoopChannel.open(fileSystem, rec)) {
            first = RecordIoReader.readAt(channel, index.offsetOf(0), 0, rec.toString());
        } catch (BadRecordException e) {
            throw new UsageException(rec + ": record 0 is unreadable: " + e.detail(), e);
        }
        if (first.flag() == 0) {
            return RecordIoLayout.ALL_IMAGES;
        }
        if (first.labels().length < 2 || first.labels()[0] < 1 || first.labels()[1] < first.labels()[0]) {
            throw new UsageException(rec + ": record 0 is a meta header with labels " + Arrays.toString(first.labels())
                    + ", not [A, B] with 1 <= A <= B");
        }
        return new RecordIoLayout(true, (long) first.labels()[0], (long) first.labels()[1]);
    }

    /** Cuts the image entries (sorted by offset) into {@code count} contiguous slices. */
    static List<Slice> slices(RecordIoIndex images, int count) {
        List<Slice> slices = new ArrayList<>(count);
        int size = images.size();
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) size * s / count);
            int to = (int) ((long) size * (s + 1) / count);
            long[] keys = new long[to - from];
            long[] offsets = new long[to - from];
            for (int i = from; i < to; i++) {
                keys[i - from] = images.key(i);
                offsets[i - from] = images.offset(i);
            }
            slices.add(new Slice(keys, offsets));
        }
        return slices;
    }

    /** The identity name of a label: the class number, 8 digits, so names sort as numbers. */
    static String identity(float label) {
        return String.format("%08d", (long) label);
    }

    /** A task's share of the image records, sorted by offset. */
    record Slice(long[] keys, long[] offsets) implements Serializable {
    }

    /** Executor side: reads a slice's records lazily, front to back, through one open stream. */
    private static final class ReadSlice implements FlatMapFunction<Slice, Outcome> {
        private static final long serialVersionUID = 1L;

        private final String rec;
        private final String name;
        private final Broadcast<SerializableConfiguration> hadoop;

        ReadSlice(String rec, String name, Broadcast<SerializableConfiguration> hadoop) {
            this.rec = rec;
            this.name = name;
            this.hadoop = hadoop;
        }

        @Override
        public Iterator<Outcome> call(Slice slice) throws IOException {
            SeekableByteChannel channel = InputFiles.channel(new Path(rec), hadoop.value().value());
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener((TaskCompletionListener) done -> closeQuietly(channel));
            }
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < slice.keys().length) {
                        return true;
                    }
                    closeQuietly(channel);
                    return false;
                }

                @Override
                public Outcome next() {
                    if (next >= slice.keys().length) {
                        throw new NoSuchElementException();
                    }
                    long key = slice.keys()[next];
                    long offset = slice.offsets()[next];
                    next++;
                    return read(channel, key, offset);
                }
            };
        }

        private Outcome read(SeekableByteChannel channel, long key, long offset) {
            String source = name + "#" + key;
            try {
                RecordIoRecord record = RecordIoReader.readAt(channel, offset, key, name);
                float label = record.label();
                if (!Float.isFinite(label) || label < 0) {
                    return Outcome.skipped(source, SkipReason.BAD_RECORD, name + ": key " + key + " at offset "
                            + offset + ": label " + label + " is not a class number");
                }
                return Outcome.face(FaceRecord.training(source, identity(label), record.image(), null));
            } catch (BadRecordException bad) {
                return Outcome.skipped(source, bad);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + rec + " at offset " + offset, e);
            }
        }

        private static void closeQuietly(SeekableByteChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read-only stream twice or after a failure loses nothing
            }
        }
    }
}
