package mhlr.core.dataset;

/**
 * The record counts of an ingest run. {@code read = written + skipped} always holds; duplicates are among
 * the skipped.
 *
 * @param read records seen in the input
 * @param written records written to shards
 * @param skipped records not written (each listed in the skipped table with its reason)
 * @param duplicates skipped records that were exact duplicates of a written one
 * @param images images in the shards (equal to written)
 * @param classes identities in training shards; 0 for evaluation shards
 *
 * <p>Built by name with {@link #builder()}, which fills {@code images} from {@code written}; the canonical
 * constructor is for JSON.
 */
public record Counts(long read, long written, long skipped, long duplicates, long images, long classes) {

    public Counts {
        if (read != written + skipped) {
            throw new IllegalArgumentException("counts do not reconcile: read " + read + " != written " + written
                    + " + skipped " + skipped);
        }
    }

    /** A builder with every count 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Counts by name; {@link #build()} checks that they reconcile. */
    public static final class Builder {
        private long read;
        private long written;
        private long skipped;
        private long duplicates;
        private long classes;

        private Builder() {
        }

        /** Records seen in the input. */
        public Builder read(long value) {
            read = value;
            return this;
        }

        /** Records written (and so images in the shards). */
        public Builder written(long value) {
            written = value;
            return this;
        }

        /** Records not written, each listed with its reason. */
        public Builder skipped(long value) {
            skipped = value;
            return this;
        }

        /** Skipped records that were exact duplicates of a written one. */
        public Builder duplicates(long value) {
            duplicates = value;
            return this;
        }

        /** Identities in training shards (0 for evaluation shards). */
        public Builder classes(long value) {
            classes = value;
            return this;
        }

        /** The counts; {@code read = written + skipped} or an {@link IllegalArgumentException}. */
        public Counts build() {
            return new Counts(read, written, skipped, duplicates, written, classes);
        }
    }
}
