package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.FacePair;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.LfwPairs;

/**
 * LFW: the evaluation people's un-aligned photos in LFW's layout ({@code lfw/Person_<n>/Person_<n>_<k>.jpg}),
 * {@code pairs.txt} with ten folds, and {@code lfw_landmark.txt} (no detector score).
 */
record LfwSampleWriter(SampleContext context) implements SampleFormatWriter {
    @Override
    public SampleFormat format() {
        return SampleFormat.LFW;
    }

    @Override
    public SampleCount write(Path output) throws IOException {
        Path root = output.resolve(format().directory());
        int perIdentity = context.imagesPerIdentity();
        int training = context.trainingIdentities();
        int count = context.evaluationIdentities() * perIdentity;
        for (int e = 0; e < context.evaluationIdentities(); e++) {
            Files.createDirectories(root.resolve(SampleContext.lfwName(training + e)));
        }
        float[][] points = context.photos(training, context.evaluationIdentities(),
                index -> root.resolve(key(training + index / perIdentity, index % perIdentity)));
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        for (int index = 0; index < count; index++) {
            landmarks.put(key(training + index / perIdentity, index % perIdentity),
                    new FaceLandmarks(points[index], Float.NaN));
        }
        LandmarkFile.write(root.resolve("lfw_landmark.txt"), landmarks, false, '\t');
        List<SamplePair> pairs = context.tenFoldPairs(300, 1);
        List<FacePair> facePairs = new ArrayList<>();
        for (SamplePair pair : pairs) {
            facePairs.add(new FacePair(key(pair.leftPerson(), pair.leftImage()),
                    key(pair.rightPerson(), pair.rightImage()), pair.same(), pair.fold()));
        }
        LfwPairs.write(root.resolve("pairs.txt"), facePairs);
        return SampleCount.imagesAndPairs(count, pairs.size());
    }

    /** The LFW key of image {@code image} (from 0) of person {@code person}: {@code Person_<n>/Person_<n>_<k>.jpg}. */
    private static String key(int person, int image) {
        return LfwPairs.imageKey(SampleContext.lfwName(person), image + 1);
    }
}
