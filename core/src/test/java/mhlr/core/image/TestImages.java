package mhlr.core.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Small deterministic pictures for the image tests. */
final class TestImages {
    private TestImages() {
    }

    /** A colourful picture with smooth regions and edges, so codecs and warps have something to do. */
    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int y = 0; y < height; y++) {
            graphics.setColor(new Color(40 + 150 * y / height, 90, 200 - 120 * y / height));
            graphics.drawLine(0, y, width - 1, y);
        }
        graphics.setColor(new Color(230, 190, 160));
        graphics.fillOval(width / 5, height / 6, 3 * width / 5, 2 * height / 3);
        graphics.setColor(Color.DARK_GRAY);
        graphics.fillOval(width / 3, height / 3, width / 10, height / 14);
        graphics.fillOval(3 * width / 5, height / 3, width / 10, height / 14);
        graphics.setColor(new Color(160, 40, 50));
        graphics.fillRoundRect(2 * width / 5, 2 * height / 3, width / 5, height / 16, 6, 6);
        graphics.dispose();
        return image;
    }

    /** Mean absolute difference per channel value between two packed BGR images of one size. */
    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        byte[] x = BgrImages.data(BgrImages.packed(a));
        byte[] y = BgrImages.data(BgrImages.packed(b));
        if (x.length != y.length) {
            throw new IllegalArgumentException("sizes differ");
        }
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }
}
