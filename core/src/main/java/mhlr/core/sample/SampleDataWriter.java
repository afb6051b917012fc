package mhlr.core.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import mhlr.core.cli.UsageException;

/**
 * Writes {@link SampleFaces} people in every format users bring (see {@link SampleFormat}), one writer per format:
 * FOLDERS and RECORDIO are {@link AlignedFaceSink}s fed by one rendering pass of the aligned training faces, the
 * others {@link SampleFormatWriter}s that render their own photos and crops.
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

    private final long seed;
    private final int identities;
    private final int imagesPerIdentity;
    private final int photoSize;
    private final int threads;
    private final Set<SampleFormat> formats;
    private final int evaluationIdentities;
    private final int trainingIdentities;

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
        this.seed = builder.seed;
        this.identities = builder.identities;
        this.imagesPerIdentity = builder.imagesPerIdentity;
        this.photoSize = builder.photoSize;
        this.threads = Math.max(1, builder.threads);
        this.formats = EnumSet.copyOf(builder.formats);
        this.evaluationIdentities = SampleContext.evaluationIdentities(identities);
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

    /** The top folder ({@code 0}, {@code 1} or {@code 2}) of training person {@code person}. */
    public int topFolder(int person) {
        return SampleContext.topFolder(person, trainingIdentities);
    }

    /** Writes every chosen format into {@code directory} (created when missing) and a README.txt. */
    public SampleSummary write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<SampleFormat, SampleCount> counts = new EnumMap<>(SampleFormat.class);
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            SampleContext context = new SampleContext(new SampleFaces(seed), identities, imagesPerIdentity,
                    photoSize, pool);
            writeAligned(context, directory, counts);
            for (SampleFormatWriter writer : writers(context)) {
                counts.put(writer.format(), writer.write(directory));
            }
        } finally {
            pool.shutdown();
        }
        Map<SampleFormat, Integer> images = new EnumMap<>(SampleFormat.class);
        Map<SampleFormat, Integer> pairs = new EnumMap<>(SampleFormat.class);
        counts.forEach((format, count) -> {
            images.put(format, count.images());
            count.pairs().ifPresent(value -> pairs.put(format, value));
        });
        SampleSummary summary = new SampleSummary(trainingIdentities, evaluationIdentities, images, pairs);
        Files.writeString(directory.resolve(README), readme(summary), StandardCharsets.UTF_8);
        return summary;
    }

    /** FOLDERS and RECORDIO, when chosen, from one pass over the aligned training faces. */
    private void writeAligned(SampleContext context, Path directory, Map<SampleFormat, SampleCount> counts)
            throws IOException {
        List<AlignedFaceSink> sinks = new ArrayList<>();
        try {
            if (formats.contains(SampleFormat.FOLDERS)) {
                sinks.add(FolderSampleWriter.open(context, directory));
            }
            if (formats.contains(SampleFormat.RECORDIO)) {
                sinks.add(RecordIoSampleWriter.open(context, directory));
            }
            if (sinks.isEmpty()) {
                return;
            }
            context.alignedTrainingFaces(sinks);
            for (AlignedFaceSink sink : sinks) {
                counts.put(sink.format(), sink.finish());
            }
        } finally {
            for (AlignedFaceSink sink : sinks) {
                sink.close();
            }
        }
    }

    /** The chosen formats that render their own images, in format order. */
    private List<SampleFormatWriter> writers(SampleContext context) {
        List<SampleFormatWriter> writers = new ArrayList<>();
        for (SampleFormat format : formats) {
            switch (format) {
                case FOLDERS, RECORDIO -> {
                    // Written by writeAligned, from one rendering pass.
                }
                case LANDMARKS -> writers.add(new LandmarkSampleWriter(context));
                case LFW -> writers.add(new LfwSampleWriter(context));
                case VERIFICATION -> writers.add(new VerificationBinSampleWriter(context));
                case CFP -> writers.add(new CfpSampleWriter(context));
                case IJB -> writers.add(new IjbSampleWriter(context));
                default -> throw new IllegalStateException("no writer for " + format);
            }
        }
        return writers;
    }

    private String readme(SampleSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append("Synthetic faces written by bin/make-sample-data (mhlr.core.sample.MakeSampleData).\n\n");
        text.append(String.format("seed %d, %d people x %d images, photos %dx%d%n", seed, identities,
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
