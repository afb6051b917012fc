package mhlr.core.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;
import mhlr.core.format.CfpProtocol;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.FacePair;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.LfwPairs;
import mhlr.core.format.RecordIoWriter;
import mhlr.core.format.VerificationBin;
import mhlr.core.image.ImageEncoder;

/**
 * Writes {@link SampleFaces} people in every format users bring (see {@link SampleFormat}).
 *
 * <p>Identity split: of {@code N} people, the last {@code max(2, round(0.4 N))} are evaluation identities (LFW,
 * the {@code .bin}, CFP, IJB) and the others training identities (folders, RecordIO, landmarks), so evaluation
 * never scores a person the model trained on. The split does not depend on which formats are written. The
 * training formats hold the same images: image {@code i} of person {@code p} is the same aligned JPEG in
 * {@code folders/} and {@code recordio/}, and the un-aligned photo of that same image in {@code landmarks/}.
 * Ten-fold protocols (LFW, the {@code .bin}, CFP) keep the people of one fold out of the others when there are at
 * least 20 evaluation identities, as LFW does.
 *
 * <p>Images are rendered in parallel ({@link Builder#threads}); the output does not depend on the thread count.
 */
public final class SampleDataWriter {
    /** JPEG quality of every written image. */
    public static final float JPEG_QUALITY = 0.92f;
    /** Name of the verification set in {@code verification/}. */
    public static final String BIN_NAME = "sample.bin";
    /** What the output holds, written at its root; it also marks a directory as this command's output. */
    public static final String README = "README.txt";

    private static final int RENDER_CHUNK = 256;
    private static final long PAIR_STREAM = 0x5be0_cd19_137e_2179L;

    private final SampleFaces faces;
    private final int identities;
    private final int imagesPerIdentity;
    private final int photoSize;
    private final int threads;
    private final Set<SampleFormat> formats;
    private final int evaluationIdentities;
    private final int trainingIdentities;
    private ForkJoinPool pool;

    private SampleDataWriter(Builder builder) {
        if (builder.identities < 4) {
            throw new UsageException("--identities must be at least 4 (2 to train on, 2 to evaluate), got "
                    + builder.identities);
        }
        if (builder.imagesPerIdentity < 2) {
            throw new UsageException("--images-per-identity must be at least 2 (same-person pairs need two), got "
                    + builder.imagesPerIdentity);
        }
        if (builder.photoSize < 64) {
            throw new UsageException("the photo size must be at least 64 pixels, got " + builder.photoSize);
        }
        this.faces = new SampleFaces(builder.seed);
        this.identities = builder.identities;
        this.imagesPerIdentity = builder.imagesPerIdentity;
        this.photoSize = builder.photoSize;
        this.threads = Math.max(1, builder.threads);
        this.formats = EnumSet.copyOf(builder.formats);
        this.evaluationIdentities = Math.max(2, (int) Math.round(0.4 * identities));
        this.trainingIdentities = identities - evaluationIdentities;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Number of training identities (person numbers {@code 0 .. n-1}). */
    public int trainingIdentities() {
        return trainingIdentities;
    }

    /** Number of evaluation identities (person numbers after the training ones). */
    public int evaluationIdentities() {
        return evaluationIdentities;
    }

    /**
     * The identity folder of training person {@code person}: {@code <top>_0_<7 digits>} inside top folder
     * {@code <top>} (people spread over up to three top folders, as WebFace12M's {@code 0 1 2}).
     */
    public String identityFolder(int person) {
        return topFolder(person) + "_0_" + String.format("%07d", person);
    }

    /** The top folder ({@code 0}, {@code 1} or {@code 2}) of training person {@code person}. */
    public int topFolder(int person) {
        int tops = Math.min(3, trainingIdentities);
        return (int) ((long) person * tops / trainingIdentities);
    }

    /** The LFW name of evaluation person number {@code person} (a global person number). */
    public static String lfwName(int person) {
        return String.format("Person_%05d", person);
    }

    /** Writes every chosen format into {@code directory} (created when missing) and a README.txt. */
    public SampleSummary write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<SampleFormat, Integer> images = new EnumMap<>(SampleFormat.class);
        Map<SampleFormat, Integer> pairs = new EnumMap<>(SampleFormat.class);
        pool = new ForkJoinPool(threads);
        try {
            if (formats.contains(SampleFormat.FOLDERS) || formats.contains(SampleFormat.RECORDIO)) {
                writeAligned(directory, images);
            }
            if (formats.contains(SampleFormat.LANDMARKS)) {
                images.put(SampleFormat.LANDMARKS, writeLandmarks(directory.resolve("landmarks")));
            }
            List<SamplePair> tenFold = tenFoldPairs(300, 1);
            if (formats.contains(SampleFormat.LFW)) {
                images.put(SampleFormat.LFW, writeLfw(directory.resolve("lfw"), tenFold));
                pairs.put(SampleFormat.LFW, tenFold.size());
            }
            if (formats.contains(SampleFormat.VERIFICATION)) {
                images.put(SampleFormat.VERIFICATION, writeBin(directory.resolve("verification"), tenFold));
                pairs.put(SampleFormat.VERIFICATION, tenFold.size());
            }
            if (formats.contains(SampleFormat.CFP)) {
                int[] written = writeCfp(directory.resolve("cfp"));
                images.put(SampleFormat.CFP, written[0]);
                pairs.put(SampleFormat.CFP, written[1]);
            }
            if (formats.contains(SampleFormat.IJB)) {
                int[] written = writeIjb(directory.resolve("ijb"));
                images.put(SampleFormat.IJB, written[0]);
                pairs.put(SampleFormat.IJB, written[1]);
            }
        } finally {
            pool.shutdown();
        }
        SampleSummary summary = new SampleSummary(trainingIdentities, evaluationIdentities, images, pairs);
        Files.writeString(directory.resolve(README), readme(summary), StandardCharsets.UTF_8);
        return summary;
    }

    private void writeAligned(Path directory, Map<SampleFormat, Integer> images) throws IOException {
        boolean folders = formats.contains(SampleFormat.FOLDERS);
        boolean recordio = formats.contains(SampleFormat.RECORDIO);
        int count = trainingIdentities * imagesPerIdentity;
        Path foldersRoot = directory.resolve(SampleFormat.FOLDERS.directory());
        Path recordioRoot = directory.resolve(SampleFormat.RECORDIO.directory());
        if (folders) {
            for (int person = 0; person < trainingIdentities; person++) {
                Files.createDirectories(foldersRoot.resolve(Integer.toString(topFolder(person)))
                        .resolve(identityFolder(person)));
            }
        }
        RecordIoWriter writer = null;
        if (recordio) {
            Files.createDirectories(recordioRoot);
            writer = RecordIoWriter.create(recordioRoot.resolve("train.rec"), recordioRoot.resolve("train.idx"));
        }
        try {
            long imageEnd = 1L + count;
            if (writer != null) {
                writer.writeLabels(0, new float[] {imageEnd, imageEnd + trainingIdentities}, 0, 0, new byte[0]);
            }
            RecordIoWriter records = writer;
            inOrder(count, index -> jpeg(faces.aligned(index / imagesPerIdentity, index % imagesPerIdentity)),
                    (index, jpeg) -> {
                        int person = index / imagesPerIdentity;
                        int image = index % imagesPerIdentity;
                        if (folders) {
                            write(foldersRoot.resolve(Integer.toString(topFolder(person))).resolve(identityFolder(person))
                                    .resolve("0_" + image + ".jpg"), jpeg);
                        }
                        if (records != null) {
                            records.writeImage(1L + index, person, jpeg);
                        }
                    });
            if (writer != null) {
                for (int person = 0; person < trainingIdentities; person++) {
                    long first = 1L + (long) person * imagesPerIdentity;
                    writer.writeLabels(imageEnd + person, new float[] {first, first + imagesPerIdentity},
                            imageEnd + person, 0, new byte[0]);
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        if (recordio) {
            Files.writeString(recordioRoot.resolve("property"), trainingIdentities + ",112,112\n");
            images.put(SampleFormat.RECORDIO, count);
        }
        if (folders) {
            images.put(SampleFormat.FOLDERS, count);
        }
    }

    private int writeLandmarks(Path root) throws IOException {
        int count = trainingIdentities * imagesPerIdentity;
        for (int person = 0; person < trainingIdentities; person++) {
            Files.createDirectories(root.resolve(identityFolder(person)));
        }
        float[][] points = new float[count][];
        each(count, index -> {
            int person = index / imagesPerIdentity;
            SampleImage photo = faces.photo(person, index % imagesPerIdentity, photoSize);
            points[index] = photo.landmarks();
            write(root.resolve(identityFolder(person)).resolve((index % imagesPerIdentity) + ".jpg"),
                    jpeg(photo));
        });
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        for (int index = 0; index < count; index++) {
            int person = index / imagesPerIdentity;
            landmarks.put(identityFolder(person) + "/" + (index % imagesPerIdentity) + ".jpg",
                    new FaceLandmarks(points[index], detectorScore(person, index % imagesPerIdentity, 0.9f)));
        }
        LandmarkFile.write(root.resolve("landmarks.txt"), landmarks, true, ' ');
        return count;
    }

    private int writeLfw(Path root, List<SamplePair> pairs) throws IOException {
        int count = evaluationIdentities * imagesPerIdentity;
        for (int e = 0; e < evaluationIdentities; e++) {
            Files.createDirectories(root.resolve(lfwName(trainingIdentities + e)));
        }
        float[][] points = new float[count][];
        each(count, index -> {
            int person = trainingIdentities + index / imagesPerIdentity;
            int image = index % imagesPerIdentity;
            SampleImage photo = faces.photo(person, image, photoSize);
            points[index] = photo.landmarks();
            write(root.resolve(LfwPairs.imageKey(lfwName(person), image + 1)), jpeg(photo));
        });
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        for (int index = 0; index < count; index++) {
            int person = trainingIdentities + index / imagesPerIdentity;
            landmarks.put(LfwPairs.imageKey(lfwName(person), index % imagesPerIdentity + 1),
                    new FaceLandmarks(points[index], Float.NaN));
        }
        LandmarkFile.write(root.resolve("lfw_landmark.txt"), landmarks, false, '\t');
        List<FacePair> facePairs = new ArrayList<>();
        for (SamplePair pair : pairs) {
            facePairs.add(new FacePair(LfwPairs.imageKey(lfwName(pair.leftPerson()), pair.leftImage() + 1),
                    LfwPairs.imageKey(lfwName(pair.rightPerson()), pair.rightImage() + 1), pair.same(), pair.fold()));
        }
        LfwPairs.write(root.resolve("pairs.txt"), facePairs);
        return count;
    }

    private int writeBin(Path root, List<SamplePair> pairs) throws IOException {
        Files.createDirectories(root);
        byte[][] images = new byte[2 * pairs.size()][];
        each(images.length, index -> {
            SamplePair pair = pairs.get(index / 2);
            images[index] = index % 2 == 0 ? jpeg(faces.aligned(pair.leftPerson(), pair.leftImage()))
                    : jpeg(faces.aligned(pair.rightPerson(), pair.rightImage()));
        });
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = pairs.get(i).same();
        }
        VerificationBin.of(List.of(images), same).write(root.resolve(BIN_NAME));
        return images.length;
    }

    /** CFP: frontal crops of every evaluation person, {@code max(2, K/2)} profile crops each; returns images, pairs. */
    private int[] writeCfp(Path root) throws IOException {
        int profiles = Math.max(2, imagesPerIdentity / 2);
        int perPerson = imagesPerIdentity + profiles;
        int count = evaluationIdentities * perPerson;
        List<String> frontal = new ArrayList<>();
        List<String> profile = new ArrayList<>();
        for (int e = 0; e < evaluationIdentities; e++) {
            for (int image = 0; image < imagesPerIdentity; image++) {
                frontal.add(cfpKey(e, "frontal", image));
            }
            for (int image = 0; image < profiles; image++) {
                profile.add(cfpKey(e, "profile", image));
            }
            Files.createDirectories(root.resolve(cfpKey(e, "frontal", 0)).getParent());
            Files.createDirectories(root.resolve(cfpKey(e, "profile", 0)).getParent());
        }
        each(count, index -> {
            int e = index / perPerson;
            int image = index % perPerson;
            boolean isProfile = image >= imagesPerIdentity;
            int number = isProfile ? image - imagesPerIdentity : image;
            SampleImage crop = faces.crop(trainingIdentities + e, number, photoSize, isProfile);
            write(root.resolve(cfpKey(e, isProfile ? "profile" : "frontal", number)), jpeg(crop));
        });
        List<FacePair> ff = new ArrayList<>();
        for (SamplePair pair : tenFoldPairs(350, 2)) {
            ff.add(new FacePair(cfpKey(pair.leftPerson() - trainingIdentities, "frontal", pair.leftImage()),
                    cfpKey(pair.rightPerson() - trainingIdentities, "frontal", pair.rightImage()), pair.same(),
                    pair.fold()));
        }
        List<FacePair> fp = new ArrayList<>();
        for (SamplePair pair : tenFoldPairs(350, 3)) {
            fp.add(new FacePair(cfpKey(pair.leftPerson() - trainingIdentities, "frontal", pair.leftImage()),
                    cfpKey(pair.rightPerson() - trainingIdentities, "profile", pair.rightImage() % profiles),
                    pair.same(), pair.fold()));
        }
        CfpProtocol.write(root, frontal, profile, ff, fp);
        return new int[] {count, ff.size() + fp.size()};
    }

    private static String cfpKey(int evaluationPerson, String view, int image) {
        return String.format("Data/Images/%03d/%s/%02d.jpg", evaluationPerson + 1, view, image + 1);
    }

    /**
     * IJB-C: each evaluation person's photos form two templates (first and second half of the images), images
     * two by two sharing a media id (frames of one video); every person's two templates are a genuine pair, and
     * each template meets up to eight templates of other people (drawn at random, no pair twice) as
     * impostor pairs. Returns images, pairs.
     */
    private int[] writeIjb(Path root) throws IOException {
        int count = evaluationIdentities * imagesPerIdentity;
        Path crops = Files.createDirectories(root.resolve(IjbMeta.IMAGES));
        float[][] points = new float[count][];
        each(count, index -> {
            SampleImage photo = faces.photo(trainingIdentities + index / imagesPerIdentity,
                    index % imagesPerIdentity, photoSize);
            points[index] = photo.landmarks();
            write(crops.resolve((index + 1) + ".jpg"), jpeg(photo));
        });
        String[] names = new String[count];
        int[] templates = new int[count];
        int[] media = new int[count];
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        int half = (imagesPerIdentity + 1) / 2;
        for (int index = 0; index < count; index++) {
            int e = index / imagesPerIdentity;
            int image = index % imagesPerIdentity;
            int template = image < half ? 0 : 1;
            int inTemplate = template == 0 ? image : image - half;
            names[index] = (index + 1) + ".jpg";
            templates[index] = 2 * e + template + 1;
            media[index] = 1000 * (2 * e + template + 1) + inTemplate / 2;
            landmarks.put(names[index], new FaceLandmarks(points[index],
                    detectorScore(trainingIdentities + e, image, 0.6f)));
        }
        SplittableRandom random = new SplittableRandom(faces.seed() ^ PAIR_STREAM ^ 4);
        List<int[]> pairs = new ArrayList<>();
        int templateCount = 2 * evaluationIdentities;
        for (int e = 0; e < evaluationIdentities; e++) {
            pairs.add(new int[] {2 * e + 1, 2 * e + 2, 1});
        }
        Set<Long> seen = new HashSet<>();
        for (int template = 1; template <= templateCount; template++) {
            int owner = (template - 1) / 2;
            for (int k = 0; k < Math.min(8, templateCount - 2); k++) {
                int other = 1 + random.nextInt(templateCount);
                long key = (long) Math.min(template, other) << 32 | Math.max(template, other);
                if ((other - 1) / 2 != owner && seen.add(key)) {
                    pairs.add(new int[] {template, other, 0});
                }
            }
        }
        int[] left = new int[pairs.size()];
        int[] right = new int[pairs.size()];
        boolean[] genuine = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            left[i] = pairs.get(i)[0];
            right[i] = pairs.get(i)[1];
            genuine[i] = pairs.get(i)[2] == 1;
        }
        IjbMeta.write(root, "ijbc", new IjbFaces(names, templates, media), new IjbTemplatePairs(left, right, genuine),
                landmarks);
        writeIjbIdentification(root.resolve(IjbMeta.META), names, templates);
        return new int[] {count, pairs.size()};
    }

    /**
     * IJB-C's 1:N files: each person's first template is in the gallery (G1 for even evaluation numbers, G2 for
     * odd ones), the second is a probe whose mate is the first; subject ids are evaluation numbers from 1; a line
     * per image, as published.
     */
    private static void writeIjbIdentification(Path meta, String[] names, int[] templates) throws IOException {
        List<List<Integer>> lines = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int index = 0; index < names.length; index++) {
            int person = (templates[index] - 1) / 2;
            boolean gallery = templates[index] % 2 == 1;
            lines.get(gallery ? person % 2 : 2).add(index);
        }
        IjbTemplateSubjects[] files = new IjbTemplateSubjects[3];
        String[][] fileNames = new String[3][];
        for (int f = 0; f < 3; f++) {
            List<Integer> rows = lines.get(f);
            int[] fileTemplates = new int[rows.size()];
            int[] subjects = new int[rows.size()];
            fileNames[f] = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int index = rows.get(i);
                fileTemplates[i] = templates[index];
                subjects[i] = (templates[index] - 1) / 2 + 1;
                fileNames[f][i] = "img/" + names[index];
            }
            files[f] = new IjbTemplateSubjects(fileTemplates, subjects);
        }
        new IjbIdentificationMeta(files[0], files[1], files[2]).write(meta, "ijbc", fileNames[0], fileNames[1],
                fileNames[2]);
    }

    /**
     * Ten folds of {@code n} same-person then {@code n} different-person pairs of evaluation people, {@code n} =
     * {@code min(cap, max(1, E * K / 10))}. With 20 or more evaluation people, fold f uses only people whose
     * evaluation number is f modulo 10.
     */
    private List<SamplePair> tenFoldPairs(int cap, long stream) {
        int perHalf = (int) Math.min(cap, Math.max(1, (long) evaluationIdentities * imagesPerIdentity / 10));
        SplittableRandom random = new SplittableRandom(faces.seed() ^ PAIR_STREAM ^ stream);
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

    /** A made-up but fixed detector score in {@code [low, 1)}. */
    private float detectorScore(int person, int image, float low) {
        SplittableRandom random = new SplittableRandom(faces.seed() ^ (person * 0x9e3779b97f4a7c15L) ^ image);
        return low + (1 - low) * (float) random.nextDouble();
    }

    private static byte[] jpeg(SampleImage image) {
        return ImageEncoder.jpeg(image.image(), JPEG_QUALITY);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Runs {@code work} for 0..count-1 on the pool. */
    private void each(int count, IntConsumer work) {
        run(() -> IntStream.range(0, count).parallel().forEach(work));
    }

    /** Makes items in parallel, a chunk at a time, and hands them to {@code consumer} in index order. */
    private <T> void inOrder(int count, IntFunction<T> make, OrderedConsumer<T> consumer) throws IOException {
        for (int start = 0; start < count; start += RENDER_CHUNK) {
            int from = start;
            int size = Math.min(RENDER_CHUNK, count - start);
            Object[] made = new Object[size];
            run(() -> IntStream.range(0, size).parallel().forEach(i -> made[i] = make.apply(from + i)));
            for (int i = 0; i < size; i++) {
                @SuppressWarnings("unchecked")
                T item = (T) made[i];
                consumer.accept(from + i, item);
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

    private String readme(SampleSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append("Synthetic faces written by bin/make-sample-data (mhlr.core.sample.MakeSampleData).\n\n");
        text.append(String.format("seed %d, %d people x %d images, photos %dx%d%n", faces.seed(), identities,
                imagesPerIdentity, photoSize, photoSize));
        text.append(String.format("training people: 0..%d (%d) in folders/, recordio/, landmarks/%n",
                trainingIdentities - 1, trainingIdentities));
        text.append(String.format("evaluation people: %d..%d (%d) in lfw/, verification/, cfp/, ijb/%n%n",
                trainingIdentities, identities - 1, evaluationIdentities));
        for (SampleFormat format : formats) {
            text.append(String.format("%-13s %6d images", format.directory() + "/", summary.images().get(format)));
            Integer pairs = summary.pairs().get(format);
            if (pairs != null) {
                text.append(String.format(", %d %s", pairs, format == SampleFormat.IJB ? "template pairs" : "pairs"));
            }
            text.append('\n');
        }
        text.append("""

                folders/       WebFace layout: <top>/<top>_0_<person>/0_<image>.jpg, aligned 112x112
                recordio/      insightface train.rec + train.idx (record 0 = meta [A, B]) + property
                landmarks/     <top>_0_<person>/<image>.jpg un-aligned photos + landmarks.txt (name, 10 coordinates, score)
                lfw/           Person_<n>/Person_<n>_<k>.jpg photos, pairs.txt (10 folds), lfw_landmark.txt
                verification/  sample.bin: insightface pickle of (aligned JPEGs, issame list), 10 folds
                cfp/           Data/Images/<NNN>/{frontal,profile}/<NN>.jpg crops + Protocol/ (FF and FP, 10 folds)
                ijb/           loose_crop/<n>.jpg photos + meta/ijbc_{face_tid_mid,template_pair_label,name_5pts_score}.txt
                """);
        return text.toString();
    }

    /** Consumes made items in order; may throw IOException. */
    @FunctionalInterface
    private interface OrderedConsumer<T> {
        void accept(int index, T item) throws IOException;
    }

    /** A pair of (person, image) references, global person numbers. */
    private record SamplePair(int leftPerson, int leftImage, int rightPerson, int rightImage, boolean same,
                              int fold) {
    }

    /** Settings of a {@link SampleDataWriter}. */
    public static final class Builder {
        private int identities = 20;
        private int imagesPerIdentity = 6;
        private long seed = 3407;
        private int photoSize = SampleFaces.PHOTO_SIZE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Set<SampleFormat> formats = EnumSet.allOf(SampleFormat.class);

        private Builder() {
        }

        /** Number of people, at least 4 (default 20). */
        public Builder identities(int identities) {
            this.identities = identities;
            return this;
        }

        /** Images of each person, at least 2 (default 6). */
        public Builder imagesPerIdentity(int imagesPerIdentity) {
            this.imagesPerIdentity = imagesPerIdentity;
            return this;
        }

        /** The seed everything follows from (default 3407). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Side of un-aligned photos and crops (default 150). */
        public Builder photoSize(int photoSize) {
            this.photoSize = photoSize;
            return this;
        }

        /** Rendering threads (default: the processors); the output does not depend on it. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Which formats to write (default all). */
        public Builder formats(Set<SampleFormat> formats) {
            if (formats.isEmpty()) {
                throw new UsageException("no sample format chosen");
            }
            this.formats = EnumSet.copyOf(formats);
            return this;
        }

        public SampleDataWriter build() {
            return new SampleDataWriter(this);
        }
    }
}
