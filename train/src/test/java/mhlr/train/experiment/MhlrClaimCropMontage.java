package mhlr.train.experiment;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.image.FaceAligner;
import mhlr.core.image.ImageDecoder;
import mhlr.core.skip.BadRecordException;

/**
 * Shows the experiment's fixed crops: a strip of 112x112 faces, four LFW-a images and two ORL images, each aligned
 * with its source's {@link MhlrClaimCrop} points exactly as ingest aligns them ({@link FaceAligner#align}), saved as a
 * grey PNG.
 *
 * <pre>
 *   java -cp ... mhlr.train.experiment.MhlrClaimCropMontage SHARED_DATA_DIR OUTPUT_PNG
 * </pre>
 */
public final class MhlrClaimCropMontage {
    private static final List<String> LFW_IMAGES = List.of("Abdullah_Gul/Abdullah_Gul_0001.jpg",
            "Andre_Agassi/Andre_Agassi_0002.jpg", "Tony_Blair/Tony_Blair_0003.jpg",
            "Serena_Williams/Serena_Williams_0001.jpg");
    private static final List<String> ORL_IMAGES = List.of("s1/1.pgm", "s7/3.pgm");

    private MhlrClaimCropMontage() {
    }

    public static void main(String[] args) throws IOException, BadRecordException {
        Path data = Path.of(args[0]);
        int size = FaceAligner.SIZE;
        BufferedImage strip = new BufferedImage(size * (LFW_IMAGES.size() + ORL_IMAGES.size()), size,
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D graphics = strip.createGraphics();
        int slot = 0;
        for (String key : LFW_IMAGES) {
            graphics.drawImage(aligned(data.resolve("lfw_a_subset").resolve(key), MhlrClaimCrop.LFW_A), size * slot++,
                    0, null);
        }
        for (String key : ORL_IMAGES) {
            graphics.drawImage(aligned(data.resolve("orl_faces").resolve(key), MhlrClaimCrop.ORL), size * slot++, 0,
                    null);
        }
        graphics.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(strip, "png", png);
        AtomicOutput.writeFile(Path.of(args[1]), png.toByteArray());
    }

    private static BufferedImage aligned(Path file, MhlrClaimCrop crop) throws BadRecordException {
        try {
            return FaceAligner.align(ImageDecoder.decode(Files.readAllBytes(file), file.toString()), crop.landmarks());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
