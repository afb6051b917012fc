package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One sample format that renders its own images: LANDMARKS, LFW, VERIFICATION, CFP, IJB. (FOLDERS and RECORDIO
 * hold the same aligned faces, rendered once for both: they are {@link AlignedFaceSink}s.) To add a format: an
 * enum constant in {@link SampleFormat}, a writer here, its case in {@link SampleDataWriter}, and its hash in
 * {@code SampleDataBytesTest}.
 */
interface SampleFormatWriter {

    /** The format, whose {@link SampleFormat#directory()} under the output this writer fills. */
    SampleFormat format();

    /** Writes the format's directory under {@code output}. */
    SampleCount write(Path output) throws IOException;
}
