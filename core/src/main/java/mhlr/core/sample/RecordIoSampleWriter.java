package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.format.RecordIoWriter;

/**
 * RECORDIO: insightface's {@code train.rec} + {@code train.idx} + {@code property} of the training people's
 * aligned 112x112 JPEGs. Record 0 is the meta record {@code [A, B]} (images are records 1 to A - 1, identity
 * records A to B - 1); each identity record holds the range of its images.
 */
final class RecordIoSampleWriter implements AlignedFaceSink {
    private final SampleContext context;
    private final Path root;
    private final RecordIoWriter writer;
    private final long imageEnd;
    private boolean closed;

    private RecordIoSampleWriter(SampleContext context, Path root, RecordIoWriter writer) {
        this.context = context;
        this.root = root;
        this.writer = writer;
        this.imageEnd = 1L + (long) context.trainingIdentities() * context.imagesPerIdentity();
    }

    /** Creates {@code output/recordio} and writes the meta record. */
    static RecordIoSampleWriter open(SampleContext context, Path output) throws IOException {
        Path root = Files.createDirectories(output.resolve(SampleFormat.RECORDIO.directory()));
        RecordIoSampleWriter sink = new RecordIoSampleWriter(context, root,
                RecordIoWriter.create(root.resolve("train.rec"), root.resolve("train.idx")));
        try {
            sink.writer.writeLabels(0, new float[] {sink.imageEnd, sink.imageEnd + context.trainingIdentities()},
                    0, 0, new byte[0]);
        } catch (IOException | RuntimeException e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    @Override
    public SampleFormat format() {
        return SampleFormat.RECORDIO;
    }

    @Override
    public void accept(int index, byte[] jpeg) throws IOException {
        writer.writeImage(1L + index, index / context.imagesPerIdentity(), jpeg);
    }

    @Override
    public SampleCount finish() throws IOException {
        int perIdentity = context.imagesPerIdentity();
        for (int person = 0; person < context.trainingIdentities(); person++) {
            long first = 1L + (long) person * perIdentity;
            writer.writeLabels(imageEnd + person, new float[] {first, first + perIdentity}, imageEnd + person, 0,
                    new byte[0]);
        }
        close();
        Files.writeString(root.resolve("property"), context.trainingIdentities() + ",112,112\n");
        return SampleCount.images(context.trainingIdentities() * perIdentity);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
