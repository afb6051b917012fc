package mhlr.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesTest {
    @TempDir
    Path directory;

    @Test
    void drawsLossAndRateWithTheDecaysMarked() throws Exception {
        Path metrics = directory.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.create(metrics)) {
            double rate = 0.1;
            for (long step = 10; step <= 500; step += 10) {
                log.write(new StepLine(step, 0, Double.NaN, 10.0 / Math.sqrt(step), rate, Double.NaN, Double.NaN,
                        Double.NaN, Map.of()));
                if (step % 200 == 0) {
                    log.write(new DecayLine(step, (int) (step / 200), rate, rate / 2, Double.NaN));
                    rate /= 2;
                }
            }
        }
        TrainingCurves.draw(metrics, directory, "tiny");
        for (String name : new String[] {TrainingCurves.LOSS_FILE, TrainingCurves.RATE_FILE}) {
            BufferedImage image = ImageIO.read(directory.resolve(name).toFile());
            assertEquals(1200, image.getWidth());
            assertTrue(distinctColours(image) > 5, name + " is not blank");
        }
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
