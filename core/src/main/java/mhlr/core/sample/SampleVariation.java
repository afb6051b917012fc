package mhlr.core.sample;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * What changes from one image of a person to the next: head turn (yaw), expression, lighting, background,
 * clothes, sensor noise, and the small misalignment (roll, shift, scale) a real detector leaves in aligned crops.
 */
record SampleVariation(
        double yaw, double smile, double mouthOpen, double browRaise,
        double lightAngle, double lightStrength, double brightness, double contrast, double[] colorCast,
        Color backgroundTop, Color backgroundBottom, Color shirt, int clutterSeed, int clutterCount,
        double jitterRoll, double jitterShiftX, double jitterShiftY, double jitterScale,
        double noise, long noiseSeed) {

    /** Draws one image's variation; profile views turn the head 45-65 degrees to either side. */
    static SampleVariation random(SplittableRandom random, boolean profile) {
        double yaw = profile ? Math.toRadians(SampleIdentity.between(random, 45, 65)) * (random.nextBoolean() ? 1 : -1)
                : Math.toRadians(SampleIdentity.between(random, -12, 12));
        double[] cast = {SampleIdentity.between(random, 0.94, 1.06), SampleIdentity.between(random, 0.94, 1.06),
            SampleIdentity.between(random, 0.94, 1.06)};
        return new SampleVariation(
                yaw, SampleIdentity.between(random, -0.3, 1), random.nextDouble() < 0.2 ? random.nextDouble() : 0,
                SampleIdentity.between(random, -1.5, 1.5),
                random.nextDouble() * 2 * Math.PI, SampleIdentity.between(random, 0, 0.35),
                SampleIdentity.between(random, 0.82, 1.15), SampleIdentity.between(random, 0.85, 1.1), cast,
                randomColor(random), randomColor(random), randomColor(random), random.nextInt(), random.nextInt(4),
                Math.toRadians(SampleIdentity.between(random, -4, 4)), SampleIdentity.between(random, -2.5, 2.5),
                SampleIdentity.between(random, -2.5, 2.5), SampleIdentity.between(random, 0.95, 1.05),
                SampleIdentity.between(random, 2, 6), random.nextLong());
    }

    private static Color randomColor(SplittableRandom random) {
        return new Color(30 + random.nextInt(200), 30 + random.nextInt(200), 30 + random.nextInt(200));
    }
}
