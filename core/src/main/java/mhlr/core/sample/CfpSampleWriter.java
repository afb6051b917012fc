package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.format.CfpProtocol;
import mhlr.core.format.FacePair;

/**
 * CFP: frontal crops of every evaluation person and {@code max(2, K/2)} profile crops each, in CFP's layout
 * ({@code cfp/Data/Images/<NNN>/{frontal,profile}/<NN>.jpg}), with its {@code Protocol/} of frontal-frontal and
 * frontal-profile pairs in ten folds.
 */
record CfpSampleWriter(SampleContext context) implements SampleFormatWriter {
    @Override
    public SampleFormat format() {
        return SampleFormat.CFP;
    }

    @Override
    public SampleCount write(Path output) throws IOException {
        Path root = output.resolve(format().directory());
        int frontals = context.imagesPerIdentity();
        int profiles = Math.max(2, frontals / 2);
        int perPerson = frontals + profiles;
        int training = context.trainingIdentities();
        int count = context.evaluationIdentities() * perPerson;
        List<String> frontal = new ArrayList<>();
        List<String> profile = new ArrayList<>();
        for (int e = 0; e < context.evaluationIdentities(); e++) {
            for (int image = 0; image < frontals; image++) {
                frontal.add(key(e, "frontal", image));
            }
            for (int image = 0; image < profiles; image++) {
                profile.add(key(e, "profile", image));
            }
            Files.createDirectories(root.resolve(key(e, "frontal", 0)).getParent());
            Files.createDirectories(root.resolve(key(e, "profile", 0)).getParent());
        }
        context.each(count, index -> {
            int e = index / perPerson;
            int image = index % perPerson;
            boolean isProfile = image >= frontals;
            int number = isProfile ? image - frontals : image;
            SampleImage crop = context.faces().crop(training + e, number, context.photoSize(), isProfile);
            SampleContext.write(root.resolve(key(e, isProfile ? "profile" : "frontal", number)),
                    SampleContext.jpeg(crop));
        });
        List<FacePair> frontalFrontal = new ArrayList<>();
        for (SamplePair pair : context.tenFoldPairs(350, 2)) {
            frontalFrontal.add(new FacePair(key(pair.leftPerson() - training, "frontal", pair.leftImage()),
                    key(pair.rightPerson() - training, "frontal", pair.rightImage()), pair.same(), pair.fold()));
        }
        List<FacePair> frontalProfile = new ArrayList<>();
        for (SamplePair pair : context.tenFoldPairs(350, 3)) {
            frontalProfile.add(new FacePair(key(pair.leftPerson() - training, "frontal", pair.leftImage()),
                    key(pair.rightPerson() - training, "profile", pair.rightImage() % profiles), pair.same(),
                    pair.fold()));
        }
        CfpProtocol.write(root, frontal, profile, frontalFrontal, frontalProfile);
        return SampleCount.imagesAndPairs(count, frontalFrontal.size() + frontalProfile.size());
    }

    private static String key(int evaluationPerson, String view, int image) {
        return String.format("Data/Images/%03d/%s/%02d.jpg", evaluationPerson + 1, view, image + 1);
    }
}
