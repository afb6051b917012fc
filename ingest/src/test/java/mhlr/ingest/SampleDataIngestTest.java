package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.sample.SampleDataWriter;
import mhlr.core.sample.SampleFormat;
import mhlr.core.sample.SampleSummary;
import mhlr.core.dataset.Manifest;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format as core's sample generator writes it ingests completely, with nothing skipped. */
class SampleDataIngestTest {
    private static final int IMAGES_PER_IDENTITY = 3;

    @TempDir
    static Path temporary;

    static Path samples;
    static SampleDataWriter writer;
    static SampleSummary summary;

    @BeforeAll
    static void writeSamples() throws IOException {
        samples = temporary.resolve("samples");
        writer = SampleDataWriter.builder().identities(10).imagesPerIdentity(IMAGES_PER_IDENTITY).seed(5)
                .photoSize(96).threads(2).formats(EnumSet.allOf(SampleFormat.class)).build();
        summary = writer.write(samples);
    }

    private static Manifest ingest(String format, String input, String... settings) {
        Path output = temporary.resolve("out-" + format + "-" + settings.length);
        String[] args = new String[6 + 2 * settings.length];
        System.arraycopy(new String[] {"--format", format, "--input", samples.resolve(input).toString(), "--output",
            output.toString()}, 0, args, 0, 6);
        for (int i = 0; i < settings.length; i++) {
            args[6 + 2 * i] = "--set";
            args[7 + 2 * i] = settings[i];
        }
        IngestRun run = IngestRun.of(args);
        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).verify(ShardSet.Check.FULL).manifest();
        assertEquals(0, manifest.counts().skipped(), format + " skipped nothing");
        return manifest;
    }

    @Test
    void webFaceFoldersWithAllPartsOrOnlyPartZero() {
        Manifest all = ingest("folders", "folders");
        assertEquals(summary.images().get(SampleFormat.FOLDERS), (int) all.counts().written());
        assertEquals(summary.trainingIdentities(), all.counts().classes());

        Manifest partZero = ingest("folders", "folders", "ingest.parts=[0]");
        long inPartZero = java.util.stream.IntStream.range(0, summary.trainingIdentities())
                .filter(person -> writer.topFolder(person) == 0).count();
        assertEquals(inPartZero, partZero.counts().classes());
        assertEquals(inPartZero * IMAGES_PER_IDENTITY, partZero.counts().written());
    }

    @Test
    void recordIoLabelsAreThePersonNumbers() {
        Path output = temporary.resolve("out-recordio-labels");
        IngestRun run = IngestRun.of("--format", "recordio", "--input", samples.resolve("recordio").toString(),
                "--output", output.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Map<Integer, Long> perLabel = new TreeMap<>();
        for (Group row : ShardContents.shardRows(output)) {
            perLabel.merge(row.getInteger("label", 0), 1L, Long::sum);
            assertEquals(String.format("%08d", row.getInteger("label", 0)), row.getString("identity", 0));
        }
        assertEquals(summary.trainingIdentities(), perLabel.size());
        assertTrue(perLabel.values().stream().allMatch(count -> count == IMAGES_PER_IDENTITY));
    }

    @Test
    void landmarkPhotosAreAlignedIntoTheirIdentities() {
        Manifest manifest = ingest("landmarks", "landmarks");
        assertEquals(summary.images().get(SampleFormat.LANDMARKS), (int) manifest.counts().written());
        assertEquals(summary.trainingIdentities(), manifest.counts().classes());
    }

    @Test
    void lfwWithItsLandmarkFileKeepsEveryPair() {
        Manifest manifest = ingest("lfw", "lfw", "ingest.landmark-file=lfw_landmark.txt");
        assertEquals(List.of("lfw"), manifest.protocols().stream().map(ProtocolEntry::name).toList());
        assertEquals(summary.pairs().get(SampleFormat.LFW), (int) manifest.protocols().get(0).pairs());
    }

    @Test
    void verificationBinKeepsEveryPair() {
        Manifest manifest = ingest("bin", "verification");
        assertEquals(List.of(new ProtocolEntry("sample", ProtocolEntry.TENFOLD,
                summary.pairs().get(SampleFormat.VERIFICATION), manifest.protocols().get(0).genuine())),
                manifest.protocols());
        assertEquals(2L * summary.pairs().get(SampleFormat.VERIFICATION), manifest.counts().written());
    }

    @Test
    void cfpHasFrontalFrontalAndFrontalProfileProtocols() {
        Manifest manifest = ingest("cfp", "cfp");
        assertEquals(List.of("cfp_ff", "cfp_fp"), manifest.protocols().stream().map(ProtocolEntry::name).toList());
        assertEquals(summary.images().get(SampleFormat.CFP), (int) manifest.counts().written());
        assertEquals(summary.pairs().get(SampleFormat.CFP),
                (int) manifest.protocols().stream().mapToLong(ProtocolEntry::pairs).sum());
    }

    @Test
    void ijbFacesCarryTemplateMediaAndScoreAndEveryTemplatePairIsKept() {
        Path output = temporary.resolve("out-ijb-columns");
        IngestRun run = IngestRun.of("--format", "ijb", "--input", samples.resolve("ijb").toString(), "--output",
                output.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Manifest manifest = ShardSet.open(output.toString()).manifest();
        assertEquals(summary.images().get(SampleFormat.IJB), (int) manifest.counts().written());
        assertEquals(ProtocolEntry.IJB, manifest.protocols().get(0).kind());
        assertEquals(summary.pairs().get(SampleFormat.IJB), (int) manifest.protocols().get(0).pairs());
        Group row = ShardContents.shardRows(output).get(0);
        assertTrue(row.getFieldRepetitionCount("template_id") == 1 && row.getFieldRepetitionCount("media_id") == 1
                && row.getFieldRepetitionCount("detector_score") == 1, row.toString());
        Group pair = ShardContents.rows(output.resolve(ShardSchema.PAIRS_FILE)).get(0);
        assertEquals(-1, pair.getInteger("fold", 0));
    }

    @Test
    void ijbOneToNListsTravelLineForLineIntoTheShardSet() throws IOException {
        Manifest manifest = ingest("ijb", "ijb");
        IjbIdentificationMeta lists = IjbIdentificationMeta.read(samples.resolve("ijb").resolve("meta"), "ijbc")
                .orElseThrow();
        assertTrue(manifest.files().stream().anyMatch(f -> f.file().equals(ShardSchema.IDENTIFICATION_FILE)),
                manifest.files().toString());
        List<Group> rows = ShardContents.rows(temporary.resolve("out-ijb-0").resolve(ShardSchema.IDENTIFICATION_FILE));
        assertEquals(lists.galleryOne().size() + lists.galleryTwo().size() + lists.probes().size(), rows.size());
        Group lastProbe = rows.get(rows.size() - 1);
        assertEquals(ShardSchema.PROBE, lastProbe.getString(ShardSchema.IDENTIFICATION_SET, 0));
        assertEquals(lists.probes().size() - 1, lastProbe.getLong(ShardSchema.LINE, 0));
        assertEquals(lists.probes().templateIds()[lists.probes().size() - 1],
                lastProbe.getInteger(ShardSchema.TEMPLATE_ID, 0));
        assertEquals(lists.probes().subjectIds()[lists.probes().size() - 1],
                lastProbe.getInteger(ShardSchema.SUBJECT_ID, 0));
    }
}
