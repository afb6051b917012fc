package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.LandmarkFile;

/**
 * LANDMARKS: the training people's un-aligned photos, {@code landmarks/<top>_0_<person>/<image>.jpg}, and
 * {@code landmarks.txt} (name, ten coordinates, a detector score), as a face detector's output would be.
 */
record LandmarkSampleWriter(SampleContext context) implements SampleFormatWriter {
    @Override
    public SampleFormat format() {
        return SampleFormat.LANDMARKS;
    }

    @Override
    public SampleCount write(Path output) throws IOException {
        Path root = output.resolve(format().directory());
        int perIdentity = context.imagesPerIdentity();
        int count = context.trainingIdentities() * perIdentity;
        for (int person = 0; person < context.trainingIdentities(); person++) {
            Files.createDirectories(root.resolve(context.identityFolder(person)));
        }
        float[][] points = context.photos(0, context.trainingIdentities(), index -> root
                .resolve(context.identityFolder(index / perIdentity)).resolve((index % perIdentity) + ".jpg"));
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        for (int index = 0; index < count; index++) {
            int person = index / perIdentity;
            landmarks.put(context.identityFolder(person) + "/" + (index % perIdentity) + ".jpg",
                    new FaceLandmarks(points[index], context.detectorScore(person, index % perIdentity, 0.9f)));
        }
        LandmarkFile.write(root.resolve("landmarks.txt"), landmarks, true, ' ');
        return SampleCount.images(count);
    }
}
