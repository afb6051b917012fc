package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mhlr.core.format.VerificationBin;

/**
 * VERIFICATION: {@code verification/sample.bin}, insightface's pickle of (aligned JPEGs two per pair, the issame
 * list), on the same ten-fold pairs as LFW's {@code pairs.txt}.
 */
record VerificationBinSampleWriter(SampleContext context) implements SampleFormatWriter {
    @Override
    public SampleFormat format() {
        return SampleFormat.VERIFICATION;
    }

    @Override
    public SampleCount write(Path output) throws IOException {
        Path root = Files.createDirectories(output.resolve(format().directory()));
        List<SamplePair> pairs = context.tenFoldPairs(300, 1);
        byte[][] images = new byte[2 * pairs.size()][];
        context.each(images.length, index -> {
            SamplePair pair = pairs.get(index / 2);
            images[index] = index % 2 == 0
                    ? SampleContext.jpeg(context.faces().aligned(pair.leftPerson(), pair.leftImage()))
                    : SampleContext.jpeg(context.faces().aligned(pair.rightPerson(), pair.rightImage()));
        });
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < same.length; i++) {
            same[i] = pairs.get(i).same();
        }
        VerificationBin.of(List.of(images), same).write(root.resolve(SampleDataWriter.BIN_NAME));
        return SampleCount.imagesAndPairs(images.length, pairs.size());
    }
}
