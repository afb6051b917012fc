package mhlr.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.train.testing.SyntheticFaces;
import mhlr.train.testing.TestRecordIo;
import mhlr.train.testing.TestShards;

/**
 * Generated data for the trainer's tests: a training set of {@value #IDENTITIES} identities and a verification set
 * of {@value #HELD_OUT} other identities (none seen in training), with the settings of a tiny, fast run.
 */
final class TrainingFixture {
    static final long SEED = 11;
    static final int IDENTITIES = 16;
    static final int IMAGES_PER_IDENTITY = 10;
    static final int HELD_OUT = 12;
    static final int BATCH = 16;
    /** 160 images / 16 = 10 steps an epoch. */
    static final int STEPS_PER_EPOCH = IDENTITIES * IMAGES_PER_IDENTITY / BATCH;

    private TrainingFixture() {
    }

    static void writeTraining(Path directory) {
        TestShards.writeTraining(directory, samples(), IDENTITIES, 3, 20);
    }

    /** The same images as {@link #writeTraining} in an insightface RecordIO folder (with its header record). */
    static void writeTrainingRecordIo(Path directory) {
        TestRecordIo.write(directory, samples(), IDENTITIES, TestRecordIo.Layout.INSIGHTFACE, true);
    }

    private static List<TestShards.Sample> samples() {
        List<TestShards.Sample> samples = new ArrayList<>();
        for (int image = 0; image < IMAGES_PER_IDENTITY; image++) {
            for (int identity = 0; identity < IDENTITIES; identity++) {
                samples.add(new TestShards.Sample(identity, SyntheticFaces.jpeg(SEED, identity, image)));
            }
        }
        return samples;
    }

    /** Held-out identities 1000.., 4 images each; 120 pairs in 10 folds, alternating same and different. */
    static void writeVerification(Path directory) {
        List<TestShards.KeyedImage> images = new ArrayList<>();
        for (int identity = 0; identity < HELD_OUT; identity++) {
            for (int image = 0; image < 4; image++) {
                images.add(new TestShards.KeyedImage(identity + "/" + image,
                        SyntheticFaces.jpeg(SEED, 1000 + identity, image)));
            }
        }
        List<TestShards.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int identity = i % HELD_OUT;
            int image = (i / HELD_OUT) % 4;
            if (i % 2 == 0) {
                pairs.add(new TestShards.Pair(identity + "/" + image, identity + "/" + ((image + 1) % 4), true));
            } else {
                int other = (identity + 1 + i / HELD_OUT) % HELD_OUT;
                other = other == identity ? (other + 1) % HELD_OUT : other;
                pairs.add(new TestShards.Pair(identity + "/" + image, other + "/" + ((image + 2) % 4), false));
            }
        }
        TestShards.writeEvaluation(directory, "synthetic", images, pairs);
    }

    /** The {@code --set} overrides of a tiny run of {@code epochs} epochs. */
    static List<String> overrides(int epochs, Path verification) {
        List<String> sets = new ArrayList<>(List.of(
                "seed=" + SEED,
                "train.backbone=tiny",
                "train.image-size=28",
                "train.embedding-size=64",
                "train.batch-size=" + BATCH,
                "train.epochs=" + epochs,
                "train.learning-rate=0.1",
                "train.schedule.name=polynomial",
                "train.loss.type=cosface",
                "train.loss.scale=16",
                "train.data.shuffle-buffer=40",
                "train.data.prefetch-batches=2",
                "train.checkpoint.every-steps=50",
                "train.checkpoint.keep=100",
                "train.log-every-steps=5",
                "train.verification.every-steps=50",
                "train.verification.batch-size=48"));
        if (verification != null) {
            sets.add("train.verification.sets=[\"" + verification + "\"]");
        }
        return sets;
    }
}
