package mhlr.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import mhlr.core.image.BgrImages;
import mhlr.core.image.FaceAligner;
import org.junit.jupiter.api.Test;

class SampleFacesTest {
    private final SampleFaces faces = new SampleFaces(11);

    @Test
    void theSameSeedDrawsTheSamePixelsAndAnotherSeedDoesNot() {
        byte[] first = BgrImages.data(faces.aligned(3, 2).image());
        assertArrayEquals(first, BgrImages.data(new SampleFaces(11).aligned(3, 2).image()));
        assertFalse(Arrays.equals(first, BgrImages.data(new SampleFaces(12).aligned(3, 2).image())));
        assertFalse(Arrays.equals(first, BgrImages.data(faces.aligned(3, 1).image())));
    }

    @Test
    void alignedCropsAre112WithLandmarksNearTheTemplate() {
        float[] template = FaceAligner.template();
        for (int image = 0; image < 5; image++) {
            SampleImage aligned = faces.aligned(image, image);
            assertEquals(112, aligned.image().getWidth());
            assertEquals(112, aligned.image().getHeight());
            for (int i = 0; i < 10; i++) {
                assertTrue(Math.abs(aligned.landmarks()[i] - template[i]) < 7,
                        "landmark value " + i + ": " + aligned.landmarks()[i] + " vs template " + template[i]);
            }
        }
    }

    @Test
    void aPhotosLandmarksAlignItOntoTheAlignedRendering() {
        for (int person = 0; person < 4; person++) {
            int image = person + 1;
            double[] placement = faces.photoPlacement(person, image, SampleFaces.PHOTO_SIZE);
            BufferedImage photo = faces.render(person, image, false, placement, SampleFaces.PHOTO_SIZE,
                    SampleFaces.PHOTO_SIZE, false);
            float[] landmarks = FaceAligner.apply(placement, faces.canonicalLandmarks(person, image, false));
            assertArrayEquals(landmarks, faces.photo(person, image, SampleFaces.PHOTO_SIZE).landmarks());
            BufferedImage aligned = FaceAligner.align(photo, landmarks);
            BufferedImage expected = faces.render(person, image, false, faces.alignment(person, image, false), 112,
                    112, false);
            BufferedImage otherPerson = faces.render(person + 5, image, false, faces.alignment(person + 5, image,
                    false), 112, 112, false);
            double same = centralDifference(aligned, expected);
            double other = centralDifference(aligned, otherPerson);
            assertTrue(same < 4, "aligned photo differs from the aligned rendering by " + same);
            assertTrue(other > 3 * same, "another person differs by only " + other + " (same: " + same + ")");
        }
    }

    @Test
    void profileCropsTurnTheHeadWhileFrontalCropsStayCloseToAligned() {
        SampleImage frontal = faces.crop(2, 0, 112, false);
        SampleImage profile = faces.crop(2, 0, 112, true);
        assertEquals(112, profile.image().getWidth());
        float noseShift = Math.abs(profile.landmarks()[4] - frontal.landmarks()[4]);
        assertTrue(noseShift > 15, "the nose tip moved only " + noseShift + " pixels in profile");
    }

    /** Mean absolute difference over the central 64x64 (the face), where backgrounds do not matter. */
    private static double centralDifference(BufferedImage a, BufferedImage b) {
        byte[] x = BgrImages.data(a);
        byte[] y = BgrImages.data(b);
        long sum = 0;
        int count = 0;
        for (int row = 30; row < 94; row++) {
            for (int column = 24; column < 88; column++) {
                for (int channel = 0; channel < 3; channel++) {
                    int i = (row * 112 + column) * 3 + channel;
                    sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
                    count++;
                }
            }
        }
        return (double) sum / count;
    }
}
