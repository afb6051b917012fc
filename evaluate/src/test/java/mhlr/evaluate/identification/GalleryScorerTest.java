package mhlr.evaluate.identification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GalleryScorerTest {

    @Test
    void tilesAndLeftoverRowsScoreBitForBitAsOneDotProduct() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the tests run with the Vector API, so the tiles are the SIMD ones");
        Random random = new Random(4);
        for (int dimension : new int[] {10, 512}) {
            int galleryRows = 103;
            int probeRows = 7;
            double[] gallery = new double[galleryRows * dimension];
            double[] probes = new double[probeRows * dimension];
            for (int i = 0; i < gallery.length; i++) {
                gallery[i] = random.nextGaussian();
            }
            for (int i = 0; i < probes.length; i++) {
                probes[i] = random.nextGaussian();
            }
            double[] scores = new double[(probeRows - 1) * galleryRows];
            GalleryScorer.score(probes, 1, probeRows - 1, gallery, galleryRows, dimension, scores);
            for (int p = 0; p < probeRows - 1; p++) {
                for (int g = 0; g < galleryRows; g++) {
                    assertEquals(GalleryScorer.dot(probes, (p + 1) * dimension, gallery, g * dimension, dimension),
                            scores[p * galleryRows + g], 0.0, "probe " + (p + 1) + ", gallery row " + g);
                }
            }
        }
    }
}
