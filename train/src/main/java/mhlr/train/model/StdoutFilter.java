package mhlr.train.model;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * Drops the "Added differentiated op ..." line that ND4J 1.0.0-M2.1 prints to {@code System.out} for every op while
 * it builds a gradient graph; every other line passes through unchanged.
 */
final class StdoutFilter {

    private static final String NOISE = "Added differentiated op";
    private static final Object LOCK = new Object();

    private StdoutFilter() {
    }

    /** Runs {@code action} with the noise filtered out of {@code System.out}. */
    static void quietly(Runnable action) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(new LineFilter(original), true, Charset.defaultCharset()));
            try {
                action.run();
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void flush() {
            emit();
            target.flush();
        }

        private void emit() {
            String text = line.toString(Charset.defaultCharset());
            if (!text.isEmpty() && !text.startsWith(NOISE)) {
                target.print(text);
            }
            line.reset();
        }
    }
}
