package mhlr.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import mhlr.core.format.CfpProtocol;
import mhlr.core.format.FacePair;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.LfwPairs;
import mhlr.core.format.RecordIoIndex;
import mhlr.core.format.RecordIoReader;
import mhlr.core.format.RecordIoRecord;
import mhlr.core.format.VerificationBin;
import mhlr.core.image.FaceAligner;
import mhlr.core.image.ImageDecoder;
import mhlr.core.skip.BadRecordException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataWriterTest {
    private static final int PEOPLE = 5;
    private static final int IMAGES = 3;

    @TempDir
    static Path directory;
    private static Path output;
    private static SampleDataWriter writer;
    private static SampleSummary summary;

    @BeforeAll
    static void writeEveryFormat() throws IOException {
        writer = SampleDataWriter.builder().identities(PEOPLE).imagesPerIdentity(IMAGES).seed(5).photoSize(120)
                .threads(2).build();
        output = directory.resolve("all");
        summary = writer.write(output);
    }

    @Test
    void splitsPeopleIntoDisjointTrainingAndEvaluationIdentities() {
        assertEquals(3, writer.trainingIdentities());
        assertEquals(2, writer.evaluationIdentities());
        assertEquals(3, summary.trainingIdentities());
        assertEquals(EnumSet.allOf(SampleFormat.class), summary.images().keySet());
    }

    @Test
    void foldersHoldAlignedJpegsInWebFaceLayout() throws Exception {
        List<Path> images = files(output.resolve("folders"));
        assertEquals(3 * IMAGES, images.size());
        assertTrue(Files.exists(output.resolve("folders/0/0_0_0000000/0_0.jpg")));
        assertTrue(Files.exists(output.resolve("folders/2/2_0_0000002/0_2.jpg")));
        for (Path image : images) {
            BufferedImage decoded = ImageDecoder.decode(Files.readAllBytes(image), image.toString());
            assertEquals(FaceAligner.SIZE, decoded.getWidth());
        }
    }

    @Test
    void recordIoHoldsTheSameImagesAfterAMetaRecord() throws Exception {
        Path root = output.resolve("recordio");
        try (RecordIoReader reader = RecordIoReader.open(root.resolve("train.rec"), root.resolve("train.idx"))) {
            assertTrue(reader.layout().hasMeta());
            RecordIoIndex images = reader.images();
            assertEquals(3 * IMAGES, images.size());
            RecordIoRecord last = reader.read(images.key(images.size() - 1));
            assertEquals(2f, last.label());
            assertArrayEquals(Files.readAllBytes(output.resolve("folders/2/2_0_0000002/0_2.jpg")), last.image());
            RecordIoRecord identity = reader.read(1 + 3 * IMAGES + 1);
            assertArrayEquals(new float[] {1 + IMAGES, 1 + 2 * IMAGES}, identity.labels());
        }
        assertEquals("3,112,112", Files.readString(root.resolve("property")).strip());
    }

    @Test
    void landmarkPhotosAlignWithTheirLandmarks() throws Exception {
        Path root = output.resolve("landmarks");
        LandmarkFile landmarks = LandmarkFile.read(root.resolve("landmarks.txt"));
        assertTrue(landmarks.problems().isEmpty());
        assertEquals(3 * IMAGES, landmarks.byName().size());
        for (String name : landmarks.byName().keySet()) {
            assertTrue(Files.exists(root.resolve(name)), name);
            assertTrue(landmarks.get(name).orElseThrow().score() >= 0.9f);
        }
        assertTrue(landmarks.byName().containsKey("1_0_0000001/2.jpg"));
    }

    @Test
    void lfwPairsAndBinNameEvaluationPeopleOnly() throws Exception {
        Path root = output.resolve("lfw");
        List<FacePair> pairs = LfwPairs.read(root.resolve("pairs.txt"));
        assertEquals(20, pairs.size(), "10 folds of one same and one different pair");
        for (FacePair pair : pairs) {
            assertTrue(Files.exists(root.resolve(pair.left())) && Files.exists(root.resolve(pair.right())), pair
                    .toString());
            assertTrue(pair.left().startsWith("Person_00003/") || pair.left().startsWith("Person_00004/"));
            assertEquals(pair.same(), pair.left().substring(0, 12).equals(pair.right().substring(0, 12)));
        }
        LandmarkFile landmarks = LandmarkFile.read(root.resolve("lfw_landmark.txt"));
        assertEquals(2 * IMAGES, landmarks.byName().size());
        assertFalse(landmarks.get("Person_00003/Person_00003_0001.jpg").orElseThrow().hasScore());

        VerificationBin bin = VerificationBin.read(output.resolve("verification/sample.bin"));
        assertEquals(pairs.size(), bin.pairs());
        for (int i = 0; i < bin.pairs(); i++) {
            assertEquals(pairs.get(i).same(), bin.same(i));
            assertEquals(FaceAligner.SIZE, ImageDecoder.decode(bin.left(i), "bin").getWidth());
        }
    }

    @Test
    void cfpAndIjbReadBackWithTheirProtocols() throws Exception {
        CfpProtocol cfp = CfpProtocol.read(output.resolve("cfp"));
        assertEquals(2 * IMAGES, cfp.frontalImages().size());
        assertEquals(2 * 2, cfp.profileImages().size());
        assertEquals(20, cfp.frontalFrontal().size());
        assertEquals(20, cfp.frontalProfile().size());
        assertEquals(9, cfp.frontalProfile().get(19).fold());
        for (String key : cfp.profileImages()) {
            assertTrue(Files.exists(output.resolve("cfp").resolve(key)), key);
        }
        IjbMeta ijb = IjbMeta.read(output.resolve("ijb"), Optional.empty());
        assertEquals("ijbc", ijb.name());
        assertEquals(2 * IMAGES, ijb.faces().size());
        assertEquals(4, ijb.faces().templateIds().length);
        assertEquals(2, ijb.pairs().genuineCount());
        assertTrue(ijb.landmarks().problems().isEmpty());
        for (int i = 0; i < ijb.faces().size(); i++) {
            assertTrue(Files.exists(ijb.imageDirectory().resolve(ijb.faces().image(i))));
            assertTrue(ijb.landmarks().get(ijb.faces().image(i)).orElseThrow().hasScore());
        }
        assertEquals(summary.pairs().get(SampleFormat.IJB), ijb.pairs().size());
    }

    @Test
    void ijbHasOneToNFilesWhoseProbesEachHaveOneGalleryMate() throws Exception {
        IjbIdentificationMeta identification = IjbIdentificationMeta.read(output.resolve("ijb").resolve("meta"), "ijbc")
                .orElseThrow();
        Map<Integer, Integer> galleryTemplateOfSubject = new HashMap<>();
        for (IjbTemplateSubjects gallery : List.of(identification.galleryOne(), identification.galleryTwo())) {
            for (int i = 0; i < gallery.size(); i++) {
                galleryTemplateOfSubject.merge(gallery.subjectIds()[i], gallery.templateIds()[i],
                        (a, b) -> { assertEquals(a, b); return a; });
            }
        }
        assertEquals(2, galleryTemplateOfSubject.size());
        assertEquals(2 * IMAGES, identification.galleryOne().size() + identification.galleryTwo().size()
                + identification.probes().size());
        IjbTemplateSubjects probes = identification.probes();
        for (int i = 0; i < probes.size(); i++) {
            assertEquals(probes.templateIds()[i] - 1, galleryTemplateOfSubject.get(probes.subjectIds()[i]));
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesWhateverTheThreadCount() throws IOException {
        Set<SampleFormat> formats = EnumSet.of(SampleFormat.RECORDIO, SampleFormat.LANDMARKS, SampleFormat.IJB);
        Path again = directory.resolve("again");
        SampleDataWriter.builder().identities(PEOPLE).imagesPerIdentity(IMAGES).seed(5).photoSize(120).threads(1)
                .formats(formats).build().write(again);
        for (SampleFormat format : formats) {
            List<Path> files = files(again.resolve(format.directory()));
            assertFalse(files.isEmpty());
            for (Path file : files) {
                Path original = output.resolve(again.relativize(file));
                assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(file), file.toString());
            }
        }
        Path otherSeed = directory.resolve("other");
        SampleDataWriter.builder().identities(PEOPLE).imagesPerIdentity(IMAGES).seed(6).photoSize(120)
                .formats(EnumSet.of(SampleFormat.RECORDIO)).build().write(otherSeed);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(output.resolve("recordio/train.rec")),
                Files.readAllBytes(otherSeed.resolve("recordio/train.rec"))));
    }

    @Test
    void everyWrittenImageDecodes() throws IOException, BadRecordException {
        Set<String> sizes = new HashSet<>();
        for (Path file : files(output)) {
            if (file.toString().endsWith(".jpg")) {
                BufferedImage image = ImageDecoder.decode(Files.readAllBytes(file), file.toString());
                sizes.add(image.getWidth() + "x" + image.getHeight());
            }
        }
        assertEquals(Set.of("112x112", "120x120"), sizes);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
