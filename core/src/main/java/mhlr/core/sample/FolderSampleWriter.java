package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FOLDERS: WebFace's layout, {@code folders/<top>/<top>_0_<person>/0_<image>.jpg}, aligned 112x112 JPEGs of the
 * training people (spread over up to three top folders, as WebFace12M's {@code 0 1 2}).
 */
final class FolderSampleWriter implements AlignedFaceSink {
    private final SampleContext context;
    private final Path root;
    private int images;

    private FolderSampleWriter(SampleContext context, Path root) {
        this.context = context;
        this.root = root;
    }

    /** Creates every identity folder under {@code output/folders}. */
    static FolderSampleWriter open(SampleContext context, Path output) throws IOException {
        FolderSampleWriter writer = new FolderSampleWriter(context, output.resolve(SampleFormat.FOLDERS.directory()));
        for (int person = 0; person < context.trainingIdentities(); person++) {
            Files.createDirectories(writer.folder(person));
        }
        return writer;
    }

    @Override
    public SampleFormat format() {
        return SampleFormat.FOLDERS;
    }

    @Override
    public void accept(int index, byte[] jpeg) {
        int image = index % context.imagesPerIdentity();
        SampleContext.write(folder(index / context.imagesPerIdentity()).resolve("0_" + image + ".jpg"), jpeg);
        images++;
    }

    @Override
    public SampleCount finish() {
        return SampleCount.images(images);
    }

    private Path folder(int person) {
        return root.resolve(Integer.toString(context.topFolder(person))).resolve(context.identityFolder(person));
    }
}
