package mhlr.core.sample;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * The traits that make one made-up person recognisable, in the canonical 112x112 face frame (the ArcFace
 * template's frame: eyes near y 51.6, mouth near y 92.3): face shape, skin, hair style and colour, eye, brow,
 * nose and mouth geometry, and accessories (glasses, beard, moustache, a mole).
 */
record SampleIdentity(
        Color skin, Color hair, int hairStyle, Color iris, Color lips,
        double faceHalfWidth, double faceHalfHeight, double faceCenterY, double jaw,
        double eyeSpread, double eyeY, double eyeWidth, double eyeHeight,
        double browThickness, double browTilt, double browArch, double browGap,
        double noseY, double noseWidth, double mouthY, double mouthHalfWidth, double lipThickness,
        double earSize, boolean glasses, Color glassesColor, boolean beard, boolean moustache,
        double moleX, double moleY, boolean mole) {

    /** Centre of the face on x (the template is symmetric about 56). */
    static final double CENTER_X = 56;
    /** Number of hair styles {@link FacePainter} knows. */
    static final int HAIR_STYLES = 6;

    private static final Color[] SKINS = {new Color(255, 224, 196), new Color(241, 194, 160),
        new Color(224, 172, 130), new Color(198, 134, 94), new Color(160, 102, 70), new Color(112, 70, 48),
        new Color(86, 54, 38)};
    private static final Color[] HAIRS = {new Color(20, 18, 18), new Color(70, 45, 30), new Color(120, 80, 45),
        new Color(200, 160, 90), new Color(160, 60, 30), new Color(150, 150, 150), new Color(235, 230, 220)};
    private static final Color[] IRISES = {new Color(70, 45, 25), new Color(40, 90, 150), new Color(60, 120, 70),
        new Color(110, 100, 60), new Color(30, 30, 30)};

    /** Draws the traits of one identity. */
    static SampleIdentity random(SplittableRandom random) {
        Color skin = mix(SKINS[random.nextInt(SKINS.length)], SKINS[random.nextInt(SKINS.length)],
                random.nextDouble());
        Color hair = jitter(HAIRS[random.nextInt(HAIRS.length)], random, 18);
        Color lips = mix(skin, new Color(170, 60, 70), 0.35 + 0.4 * random.nextDouble());
        Color glassesColor = new Color(random.nextInt(120), random.nextInt(120), random.nextInt(120));
        return new SampleIdentity(
                skin, hair, random.nextInt(HAIR_STYLES), jitter(IRISES[random.nextInt(IRISES.length)], random, 15),
                lips,
                between(random, 29, 37), between(random, 40, 48), between(random, 61, 66), between(random, 0.72, 1.0),
                between(random, 15.5, 19.5), between(random, 49, 54), between(random, 9, 13), between(random, 4.5, 7),
                between(random, 1.4, 3.6), between(random, -0.25, 0.25), between(random, 0, 3.5),
                between(random, 5, 9),
                between(random, 68, 75), between(random, 6, 11), between(random, 88, 96), between(random, 11.5, 17),
                between(random, 1.5, 4),
                between(random, 5, 9), random.nextDouble() < 0.25, glassesColor, random.nextDouble() < 0.2,
                random.nextDouble() < 0.25,
                between(random, -20, 20), between(random, 55, 95), random.nextDouble() < 0.35);
    }

    /** The five landmarks of the unturned face, canonical frame: eyes, nose tip, mouth corners. */
    float[] landmarks() {
        return new float[] {
            (float) (CENTER_X - eyeSpread), (float) eyeY,
            (float) (CENTER_X + eyeSpread), (float) eyeY,
            (float) CENTER_X, (float) noseY,
            (float) (CENTER_X - mouthHalfWidth), (float) mouthY,
            (float) (CENTER_X + mouthHalfWidth), (float) mouthY,
        };
    }

    static double between(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    static Color jitter(Color color, SplittableRandom random, int amount) {
        return new Color(clamp(color.getRed() + random.nextInt(-amount, amount + 1)),
                clamp(color.getGreen() + random.nextInt(-amount, amount + 1)),
                clamp(color.getBlue() + random.nextInt(-amount, amount + 1)));
    }

    static Color darker(Color color, double factor) {
        return new Color(clamp((int) (color.getRed() * factor)), clamp((int) (color.getGreen() * factor)),
                clamp((int) (color.getBlue() * factor)));
    }

    static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
