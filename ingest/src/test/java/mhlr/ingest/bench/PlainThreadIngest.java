package mhlr.ingest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.align.FacePreparer;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.shards.ShardWriter;
import org.apache.hadoop.conf.Configuration;

/**
 * The ceiling of any ingest design on this machine: the job's own per-image work with no framework at all, on
 * plain threads. Each thread takes a contiguous share of the input files and, for every image, reads the
 * file, prepares it and hashes the input ({@link FacePreparer#prepare}: full decode, then pass-through, or
 * alignment with the photo's landmarks and re-encoding; SHA-256), and writes it straight into a Parquet shard of its own ({@link ShardWriter}, which also hashes the
 * finished file for the manifest). What it leaves out, and a real job cannot: listing, counting and deduplicating
 * before anything is written, giving labels, and putting each face into the shard its seeded hash picks (which is
 * what makes the output independent of the number of cores).
 */
final class PlainThreadIngest {
    private PlainThreadIngest() {
    }

    /**
     * Runs the work on {@code threads} threads into {@code output} (emptied first) and returns the images done.
     *
     * @param landmarks each file's five landmarks (the face is aligned to 112x112 and re-encoded, as the
     *     {@code landmarks} source does), or {@code null} for an already aligned face
     */
    static long run(Path root, List<Path> files, Function<Path, float[]> landmarks, int threads, Path output,
            long rowGroupBytes) throws Exception {
        AtomicOutput.deleteRecursively(output);
        Files.createDirectories(output);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int shard = t;
                List<Path> share = files.subList(files.size() * t / threads, files.size() * (t + 1) / threads);
                parts.add(pool.submit(() -> ShardWriter.write(new Configuration(),
                        new org.apache.hadoop.fs.Path(output.toUri()), shard, "plain", DatasetKind.TRAIN,
                        rowGroupBytes, prepared(root, share, landmarks)).rows()));
            }
            long images = 0;
            for (Future<Long> part : parts) {
                images += part.get();
            }
            return images;
        } finally {
            pool.shutdown();
        }
    }

    /** The prepared faces of {@code files}, read and prepared one by one as the writer asks for them. */
    private static Iterator<FaceRecord> prepared(Path root, List<Path> files, Function<Path, float[]> landmarks) {
        return files.stream().map(file -> preparedFace(root, root.relativize(file).toString(), landmarks.apply(file)))
                .iterator();
    }

    /**
     * The face of the file at {@code source} below {@code root}, read, prepared and labelled 0.
     *
     * @param landmarks its five landmarks, or {@code null} for an aligned face
     * @throws IllegalStateException when the image is skipped (the bench's inputs are all good)
     */
    static FaceRecord preparedFace(Path root, String source, float[] landmarks) {
        Path file = root.resolve(source);
        try {
            Outcome outcome = FacePreparer.prepare(FaceRecord.training(source,
                    file.getParent().getFileName().toString(), Files.readAllBytes(file), landmarks));
            if (!outcome.isFace()) {
                throw new IllegalStateException(source + " was skipped: " + outcome.skipped().detail());
            }
            return outcome.face().withLabel(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
