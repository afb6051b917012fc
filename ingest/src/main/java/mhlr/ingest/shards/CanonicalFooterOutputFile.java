package mhlr.ingest.shards;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mhlr.core.dataset.ShardFile;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An {@link OutputFile} that makes parquet-mr's footer the same in every JVM. parquet-mr collects each column
 * chunk's encodings in a {@code HashSet} of enum constants, whose order follows identity hash codes, so the
 * footer's {@code encodings} lists (and with them the file's SHA-256) change from one JVM to the next. This
 * wrapper holds back the tail of the stream; on close it reads the footer from it, sorts every encodings list
 * by its Thrift value and writes the footer, its length and the magic. It also hashes every byte it passes on, so
 * the writer can describe the file for the manifest without reading it back (which, on HDFS or S3, would read
 * every shard a second time).
 */
final class CanonicalFooterOutputFile implements OutputFile {
    /** The bytes held back; the footer (a few hundred bytes per column chunk) must fit. */
    static final int TAIL_BYTES = 8 << 20;
    /** The most held at once: the tail and as much again, so the held bytes move once per {@link #TAIL_BYTES}. */
    private static final int BUFFER_BYTES = 2 * TAIL_BYTES;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    /**
     * Writes, hashes and (for a local file) flushes the released bytes to the disk while the Parquet writer encodes
     * the next ones, each on a thread of its own: done one after the other on one thread, the three cost more than
     * encoding a shard and held the encoder up, and the shard's task is the only one running when there are fewer
     * shards than cores.
     */
    private static final ExecutorService PASSING = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "mhlr-shard-file-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final OutputFile delegate;
    private final boolean syncAsWritten;
    private TailStream stream;

    /**
     * @param syncAsWritten whether {@code delegate} is a local file to flush to the disk while it is written, so that
     *     the commit's {@code fsync} finds it already on disk instead of flushing it all
     */
    CanonicalFooterOutputFile(OutputFile delegate, boolean syncAsWritten) {
        this.delegate = delegate;
        this.syncAsWritten = syncAsWritten;
    }

    /** The file {@code path}, through Hadoop's file system of that path; synced as written when local. */
    static CanonicalFooterOutputFile at(Path path, Configuration hadoop) throws IOException {
        return new CanonicalFooterOutputFile(HadoopOutputFile.fromPath(path, hadoop),
                HadoopAtomicOutput.flushedAtCommit(path.getFileSystem(hadoop).makeQualified(path)));
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = new TailStream(delegate.create(blockSizeHint), delegate.getPath(), syncAsWritten);
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = new TailStream(delegate.createOrOverwrite(blockSizeHint), delegate.getPath(), syncAsWritten);
        return stream;
    }

    /** The length of the file written, once the writer is closed. */
    long length() {
        return closedStream().passed;
    }

    /** The hex SHA-256 of the file written, once the writer is closed. */
    String sha256() {
        return closedStream().sha256;
    }

    /**
     * Describes the closed file for the manifest as {@code name} (its length and SHA-256 as written, not read back),
     * after checking that {@code stored}, where it now lies, holds as many bytes.
     */
    ShardFile describe(FileSystem fileSystem, Path stored, String name, long rows) throws IOException {
        long length = fileSystem.getFileStatus(stored).getLen();
        if (length != length()) {
            throw new IOException(stored + " holds " + length + " bytes after its writer passed on " + length());
        }
        return new ShardFile(name, rows, length(), sha256());
    }

    private TailStream closedStream() {
        if (stream == null || !stream.closed) {
            throw new IllegalStateException(getPath() + " is not written and closed yet");
        }
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return delegate.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return delegate.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    /** Sorts the encodings of every column chunk of {@code footer}, in place. */
    static void canonicalize(FileMetaData footer) {
        for (RowGroup group : footer.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                if (column != null && column.getEncodings() != null) {
                    List<Encoding> encodings = column.getEncodings();
                    encodings.sort(Comparator.comparingInt(Encoding::getValue));
                }
            }
        }
    }

    /** Passes bytes through, except the last {@link #TAIL_BYTES} or fewer, which close() rewrites. */
    private static final class TailStream extends PositionOutputStream {
        private final PositionOutputStream out;
        private final String path;
        private final boolean syncAsWritten;
        private final MessageDigest digest;
        private byte[] tail = new byte[1 << 16];
        private int held;
        private long passed;
        private boolean closing;
        private boolean closed;
        private String sha256;
        private Future<?> writing = CompletableFuture.completedFuture(null);
        private Future<?> hashing = CompletableFuture.completedFuture(null);
        /** The flush to the disk in flight, if any; set by the writing thread. */
        private volatile Future<?> syncing = CompletableFuture.completedFuture(null);
        /** A read-only channel on the local file, opened by the first flush to the disk. */
        private FileChannel syncChannel;

        TailStream(PositionOutputStream out, String path, boolean syncAsWritten) {
            this.out = out;
            this.path = path;
            this.syncAsWritten = syncAsWritten;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Passes a copy of the bytes on, after the chunk before them: written to the file and fed to the hash on two
         * threads, at most one chunk in flight on each, so the bytes reach both in order. Once a chunk is written,
         * a local file is flushed to the disk on a third thread unless a flush is still running; the commit's own
         * {@code fsync} then finds little left to flush.
         */
        private void pass(byte[] bytes, int offset, int length) throws IOException {
            byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + length);
            awaitPassed();
            writing = PASSING.submit(() -> {
                out.write(chunk);
                if (syncAsWritten && syncing.isDone()) {
                    out.flush();
                    syncing = PASSING.submit(this::syncToDisk);
                }
                return null;
            });
            hashing = PASSING.submit(() -> {
                digest.update(chunk);
                return null;
            });
            passed += length;
        }

        /** Flushes what the file holds so far to the disk, through a channel of its own: the stream is the writer's. */
        private Void syncToDisk() throws IOException {
            if (syncChannel == null) {
                syncChannel = FileChannel.open(java.nio.file.Path.of(new Path(path).toUri().getPath()),
                        StandardOpenOption.READ);
            }
            syncChannel.force(false);
            return null;
        }

        private void awaitPassed() throws IOException {
            await(writing);
            await(hashing);
        }

        private void await(Future<?> lane) throws IOException {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing " + path);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException failure) {
                    throw failure;
                }
                throw new IOException("cannot write " + path, e.getCause());
            }
        }

        @Override
        public long getPos() {
            return passed + held;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        /**
         * Holds up to twice {@link #TAIL_BYTES}; when that is full, passes on all but the last {@link #TAIL_BYTES}
         * in one write. Releasing only what each write needed instead moved the whole held tail on every write of a
         * full buffer: megabytes copied per page, more CPU than the rest of writing a shard.
         */
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (held + length > BUFFER_BYTES) {
                int keptOfWrite = Math.min(length, TAIL_BYTES);
                int keptOfHeld = Math.min(held, TAIL_BYTES - keptOfWrite);
                int release = held - keptOfHeld;
                pass(tail, 0, release);
                System.arraycopy(tail, release, tail, 0, keptOfHeld);
                held = keptOfHeld;
                int direct = length - keptOfWrite;
                if (direct > 0) {
                    pass(bytes, offset, direct);
                    offset += direct;
                    length = keptOfWrite;
                }
            }
            if (held + length > tail.length) {
                tail = Arrays.copyOf(tail, Math.min(BUFFER_BYTES, Math.max(tail.length * 2, held + length)));
            }
            System.arraycopy(bytes, offset, tail, held, length);
            held += length;
        }

        @Override
        public void flush() {
            // the held tail is written on close; flushing part of it would break the rewrite
        }

        @Override
        public void close() throws IOException {
            if (closing) {
                return;
            }
            closing = true;
            try {
                byte[] rewritten = rewrittenTail();
                pass(rewritten, 0, rewritten.length);
                held = 0;
            } finally {
                try {
                    awaitPassed();
                } finally {
                    closeFile();
                }
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            closed = true;
        }

        /** Closes the stream, then waits for the flush to the disk in flight, if any, and closes its channel. */
        private void closeFile() throws IOException {
            try {
                out.close();
            } finally {
                await(syncing);
                if (syncChannel != null) {
                    syncChannel.close();
                }
            }
        }

        private byte[] rewrittenTail() throws IOException {
            if (held < 8 || !Arrays.equals(Arrays.copyOfRange(tail, held - 4, held), MAGIC)) {
                throw new IOException(path + ": the Parquet writer did not end the file with a footer");
            }
            int footerLength = ByteBuffer.wrap(tail, held - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int footerStart = held - 8 - footerLength;
            if (footerLength < 0 || footerStart < 0) {
                throw new IOException(path + ": footer of " + footerLength + " bytes is larger than the "
                        + TAIL_BYTES + " bytes held back");
            }
            FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(tail, footerStart, footerLength));
            canonicalize(footer);
            ByteArrayOutputStream rewritten = new ByteArrayOutputStream(held + 64);
            rewritten.write(tail, 0, footerStart);
            ByteArrayOutputStream footerBytes = new ByteArrayOutputStream(footerLength);
            Util.writeFileMetaData(footer, footerBytes);
            footerBytes.writeTo(rewritten);
            rewritten.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footerBytes.size()).array());
            rewritten.write(MAGIC);
            return rewritten.toByteArray();
        }
    }
}
