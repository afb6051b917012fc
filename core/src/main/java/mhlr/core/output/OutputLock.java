package mhlr.core.output;

import java.io.IOException;

/** A held output lock: one run at a time writes to an output. */
public interface OutputLock extends AutoCloseable {
    /** Releases the lock and removes its file. */
    @Override
    void close() throws IOException;
}
