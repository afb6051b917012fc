package mhlr.train.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mhlr.core.format.FacePair;
import mhlr.core.format.LfwPairs;
import mhlr.core.image.FaceAligner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment's data choices. Part of the default test run.
 */
class MhlrClaimDataTest {

    @Test
    void balancedFoldsDealEachOfficialFoldIntoFiveFoldsOfSixtySameThenSixtyDifferent() {
        List<FacePair> scored = syntheticFolds(2, 300);
        List<FacePair> ordered = MhlrClaimData.balancedFolds(scored);

        assertEquals(1200, ordered.size());
        assertEquals(new HashSet<>(keys(scored)), new HashSet<>(keys(ordered)));
        for (int fold = 0; fold < 10; fold++) {
            for (int i = 0; i < 120; i++) {
                FacePair pair = ordered.get(fold * 120 + i);
                assertEquals(fold, pair.fold());
                assertEquals(i < 60, pair.same(), "fold " + fold + " pair " + i);
                assertTrue(pair.left().startsWith("official" + fold / 5 + "_"), pair.left());
            }
        }
        assertEquals(scored.get(60).left(), ordered.get(120).left(), "fold 2 starts with official pair 60");
        assertEquals(scored.get(300 + 60).left(), ordered.get(180).left(), "its different half with pair 360");
    }

    @Test
    void balancedFoldsRefuseAFoldThatIsNotSameThenDifferent() {
        List<FacePair> scored = new ArrayList<>(syntheticFolds(2, 300));
        FacePair first = scored.get(0);
        scored.set(0, new FacePair(first.left(), first.right(), false, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MhlrClaimData.balancedFolds(scored));
    }

    @Test
    void theReorderedPairsFileReadsBackAsTenFoldsOfSixtyAndSixty(@TempDir Path work) throws IOException {
        Path lfw = sharedData().resolve("lfw_a_subset");
        List<FacePair> ordered = MhlrClaimData.balancedFolds(MhlrClaimData.scoredPairs(lfw.resolve("pairs.txt")));
        Path[] written = MhlrClaimData.writeEvaluationInput(work, ordered);

        assertEquals("10\t60", Files.readAllLines(written[0]).get(0));
        assertEquals(ordered, LfwPairs.read(written[0]));
        Set<String> images = MhlrClaimData.images(ordered);
        assertEquals(images.size(), MhlrClaimData.countLines(written[1]));
        for (String key : images) {
            assertTrue(Files.isRegularFile(lfw.resolve(key)), key + " is in lfw_a_subset");
        }
    }

    @Test
    void trainingPeopleAreTheLfwPeopleWithTenImagesThatNoScoredPairNames() throws IOException {
        Path lfw = sharedData().resolve("lfw_a_subset");
        List<FacePair> scored = MhlrClaimData.scoredPairs(lfw.resolve("pairs.txt"));
        Set<String> scoredPeople = MhlrClaimData.people(scored);
        List<String> people = MhlrClaimData.trainingPeople(lfw, scoredPeople, 10);

        assertEquals(844, scoredPeople.size());
        assertEquals(107, people.size());
        for (String person : people) {
            assertFalse(scoredPeople.contains(person), person);
            try (var files = Files.list(lfw.resolve(person))) {
                assertTrue(files.count() >= 10, person);
            }
        }
    }

    @Test
    void trainingInputCopiesEveryPersonFolderAndGivesEveryImageItsSourcesCrop(@TempDir Path root) throws IOException {
        Path lfw = Files.createDirectories(root.resolve("lfw"));
        Path orl = Files.createDirectories(root.resolve("orl"));
        for (String person : List.of("Ann_A", "Bob_B", "Cid_C")) {
            Files.createDirectories(lfw.resolve(person));
            for (int i = 1; i <= 2; i++) {
                Files.write(lfw.resolve(person).resolve(String.format("%s_%04d.jpg", person, i)), new byte[] {1});
            }
        }
        Files.createDirectories(orl.resolve("s1"));
        Files.write(orl.resolve("s1/1.pgm"), new byte[] {1});
        Path work = root.resolve("work");

        Path landmarks = MhlrClaimData.writeTrainingInput(work, lfw, List.of("Ann_A", "Cid_C"), orl);

        assertCopied(work.resolve("train-input/Ann_A/Ann_A_0002.jpg"));
        assertCopied(work.resolve("train-input/s1/1.pgm"));
        assertFalse(Files.exists(work.resolve("train-input/Bob_B")));
        List<String> lines = Files.readAllLines(landmarks);
        assertEquals(List.of("Ann_A/Ann_A_0001.jpg", "Ann_A/Ann_A_0002.jpg", "Cid_C/Cid_C_0001.jpg",
                "Cid_C/Cid_C_0002.jpg", "s1/1.pgm"), lines.stream().map(line -> line.split(" ")[0]).toList());
        assertEquals(MhlrClaimCrop.LFW_A.landmarkLine("Ann_A/Ann_A_0001.jpg"), lines.get(0));
        assertEquals(MhlrClaimCrop.ORL.landmarkLine("s1/1.pgm"), lines.get(4));

        MhlrClaimData.writeTrainingInput(work, lfw, List.of("Bob_B"), null);
        assertFalse(Files.exists(work.resolve("train-input/Ann_A")), "a second call starts from an empty folder");
        assertCopied(work.resolve("train-input/Bob_B/Bob_B_0001.jpg"));
    }

    /** A copied image: a regular file in a real folder, since ingest refuses links out of its input root. */
    private static void assertCopied(Path image) {
        assertTrue(Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS), image + " is not a file");
        assertFalse(Files.isSymbolicLink(image.getParent()), image.getParent() + " is a link");
    }

    @Test
    void theCropsLandmarksAlignToExactlyCutAndScaleTheSquare() {
        double[] lfw = FaceAligner.similarityTransform(MhlrClaimCrop.LFW_A.landmarks());
        assertArrayEquals(new double[] {0.8, 0, -54 * 0.8, 0, 0.8, -48 * 0.8}, lfw, 1e-4);
        double[] orl = FaceAligner.similarityTransform(MhlrClaimCrop.ORL.landmarks());
        double scale = 112.0 / 92;
        assertArrayEquals(new double[] {scale, 0, 0, 0, scale, -10 * scale}, orl, 1e-4);
    }

    private static List<FacePair> syntheticFolds(int folds, int perHalf) {
        List<FacePair> pairs = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            for (int i = 0; i < 2 * perHalf; i++) {
                boolean same = i < perHalf;
                String name = "official" + fold + "_" + i;
                pairs.add(new FacePair(name + "/a.jpg", (same ? name : name + "x") + "/b.jpg", same, fold));
            }
        }
        return pairs;
    }

    private static List<String> keys(List<FacePair> pairs) {
        return pairs.stream().map(pair -> pair.left() + " " + pair.right() + " " + pair.same()).toList();
    }

    private static Path sharedData() {
        String property = System.getProperty("mhlr.shared.data");
        Assumptions.assumeTrue(property != null && Files.isDirectory(Path.of(property, "lfw_a_subset")),
                "mhlr.shared.data with lfw_a_subset/ is not available");
        return Path.of(property);
    }
}
