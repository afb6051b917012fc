package mhlr.core.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import mhlr.core.image.ImageEncoder;

/**
 * What the format writers of one {@link SampleDataWriter#write} share: the people (the training / evaluation split
 * and their names in each layout), their faces, the pair draws, and the rendering pool. Everything is a function
 * of the seed; the pool's size changes only the speed.
 */
final class SampleContext {
    private static final int RENDER_CHUNK = 256;
    private static final long PAIR_STREAM = 0x5be0_cd19_137e_2179L;

    private final SampleFaces faces;
    private final int imagesPerIdentity;
    private final int photoSize;
    private final int trainingIdentities;
    private final int evaluationIdentities;
    private final ForkJoinPool pool;

    SampleContext(SampleFaces faces, int identities, int imagesPerIdentity, int photoSize, ForkJoinPool pool) {
        this.faces = faces;
        this.imagesPerIdentity = imagesPerIdentity;
        this.photoSize = photoSize;
        this.evaluationIdentities = evaluationIdentities(identities);
        this.trainingIdentities = identities - evaluationIdentities;
        this.pool = pool;
    }

    /** Of {@code identities} people, the last {@code max(2, round(0.4 N))} are evaluation identities. */
    static int evaluationIdentities(int identities) {
        return Math.max(2, (int) Math.round(0.4 * identities));
    }

    SampleFaces faces() {
        return faces;
    }

    int imagesPerIdentity() {
        return imagesPerIdentity;
    }

    int photoSize() {
        return photoSize;
    }

    int trainingIdentities() {
        return trainingIdentities;
    }

    int evaluationIdentities() {
        return evaluationIdentities;
    }

    /** The identity folder of training person {@code person}: {@code <top>_0_<7 digits>}. */
    String identityFolder(int person) {
        return topFolder(person) + "_0_" + String.format("%07d", person);
    }

    /** The top folder ({@code 0}, {@code 1} or {@code 2}) of training person {@code person}. */
    int topFolder(int person) {
        return topFolder(person, trainingIdentities);
    }

    /** The top folder of training person {@code person} of {@code trainingIdentities}, up to three in all. */
    static int topFolder(int person, int trainingIdentities) {
        int tops = Math.min(3, trainingIdentities);
        return (int) ((long) person * tops / trainingIdentities);
    }

    /** The LFW name of evaluation person number {@code person} (a global person number). */
    static String lfwName(int person) {
        return String.format("Person_%05d", person);
    }

    /**
     * Ten folds of {@code n} same-person then {@code n} different-person pairs of evaluation people, {@code n} =
     * {@code min(cap, max(1, E * K / 10))}, drawn from the seed's pair stream {@code stream}. With 20 or more
     * evaluation people, fold f uses only people whose evaluation number is f modulo 10.
     */
    List<SamplePair> tenFoldPairs(int cap, long stream) {
        int perHalf = (int) Math.min(cap, Math.max(1, (long) evaluationIdentities * imagesPerIdentity / 10));
        SplittableRandom random = pairRandom(stream);
        boolean disjoint = evaluationIdentities >= 20;
        List<SamplePair> pairs = new ArrayList<>();
        for (int fold = 0; fold < 10; fold++) {
            List<Integer> people = new ArrayList<>();
            for (int e = 0; e < evaluationIdentities; e++) {
                if (!disjoint || e % 10 == fold) {
                    people.add(trainingIdentities + e);
                }
            }
            for (int k = 0; k < perHalf; k++) {
                int person = people.get(random.nextInt(people.size()));
                int first = random.nextInt(imagesPerIdentity);
                int second = (first + 1 + random.nextInt(imagesPerIdentity - 1)) % imagesPerIdentity;
                pairs.add(new SamplePair(person, Math.min(first, second), person, Math.max(first, second), true,
                        fold));
            }
            for (int k = 0; k < perHalf; k++) {
                int a = random.nextInt(people.size());
                int b = (a + 1 + random.nextInt(people.size() - 1)) % people.size();
                pairs.add(new SamplePair(people.get(a), random.nextInt(imagesPerIdentity), people.get(b),
                        random.nextInt(imagesPerIdentity), false, fold));
            }
        }
        return pairs;
    }

    /** The random stream {@code stream} of the seed's pair draws. */
    SplittableRandom pairRandom(long stream) {
        return new SplittableRandom(faces.seed() ^ PAIR_STREAM ^ stream);
    }

    /** A made-up but fixed detector score in {@code [low, 1)}. */
    float detectorScore(int person, int image, float low) {
        SplittableRandom random = new SplittableRandom(faces.seed() ^ (person * 0x9e3779b97f4a7c15L) ^ image);
        return low + (1 - low) * (float) random.nextDouble();
    }

    /** The image as every sample file stores it: JPEG at {@link SampleDataWriter#JPEG_QUALITY}. */
    static byte[] jpeg(SampleImage image) {
        return ImageEncoder.jpeg(image.image(), SampleDataWriter.JPEG_QUALITY);
    }

    /** Writes {@code bytes} to {@code file}; a failure names the file. */
    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Renders the un-aligned photos of {@code people} people from person number {@code firstPerson} on, every image
     * of each, in parallel: photo {@code i} (person {@code firstPerson + i / K}, image {@code i % K}) is written as
     * JPEG to {@code file.apply(i)}. Returns each photo's landmarks, by photo index.
     */
    float[][] photos(int firstPerson, int people, IntFunction<Path> file) {
        float[][] points = new float[people * imagesPerIdentity][];
        each(points.length, index -> {
            SampleImage photo = faces.photo(firstPerson + index / imagesPerIdentity, index % imagesPerIdentity,
                    photoSize);
            points[index] = photo.landmarks();
            write(file.apply(index), jpeg(photo));
        });
        return points;
    }

    /** Runs {@code work} for 0..count-1 on the pool. */
    void each(int count, IntConsumer work) {
        run(() -> IntStream.range(0, count).parallel().forEach(work));
    }

    /**
     * Renders every training image's aligned JPEG, a chunk at a time in parallel, and hands them to the sinks in
     * index order.
     */
    void alignedTrainingFaces(List<AlignedFaceSink> sinks) throws IOException {
        int count = trainingIdentities * imagesPerIdentity;
        IntFunction<byte[]> render = index -> jpeg(faces.aligned(index / imagesPerIdentity,
                index % imagesPerIdentity));
        for (int start = 0; start < count; start += RENDER_CHUNK) {
            int from = start;
            byte[][] made = new byte[Math.min(RENDER_CHUNK, count - start)][];
            run(() -> IntStream.range(0, made.length).parallel().forEach(i -> made[i] = render.apply(from + i)));
            for (int i = 0; i < made.length; i++) {
                for (AlignedFaceSink sink : sinks) {
                    sink.accept(from + i, made[i]);
                }
            }
        }
    }

    private void run(Runnable parallelWork) {
        try {
            pool.submit(parallelWork).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering sample faces", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
