package mhlr.core.sample;

import java.io.Closeable;
import java.io.IOException;

/**
 * A training format of aligned 112x112 faces (FOLDERS, RECORDIO): opened on the output, handed every training
 * image's JPEG once in index order (image {@code i} of person {@code p} is index {@code p * K + i}), then
 * finished. One rendering pass feeds every chosen sink, so the formats hold the same bytes. Closing releases what
 * the sink holds open, finished or not.
 */
interface AlignedFaceSink extends Closeable {

    /** The format this sink writes. */
    SampleFormat format();

    /** Takes the JPEG of training image {@code index}. */
    void accept(int index, byte[] jpeg) throws IOException;

    /** Completes the format's files after the last image and says what it wrote. */
    SampleCount finish() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
