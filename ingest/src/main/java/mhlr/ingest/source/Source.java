package mhlr.ingest.source;

import mhlr.core.dataset.DatasetKind;

/**
 * One input format ({@code --format}). On the driver a source lists its input cheaply (folders, index files,
 * protocol files); the bytes are read on the executors. Problems with single records (a missing or unreadable
 * file, a bad RecordIO frame, a bad landmark line) become skipped records; problems with the input as a whole (no
 * such directory, no index file, a protocol file that does not parse) are {@code UsageException}s naming the file.
 *
 * <p>Closures sent to executors must not capture the source object: implementations keep their Spark functions
 * static or in small serializable classes.
 */
public interface Source {

    /** Whether the source makes training shards (labelled identities) or evaluation shards (keys and pairs). */
    DatasetKind kind();

    /** The input's records, read lazily on the executors, and how many there are. */
    SourceRecords read(SourceContext context);
}
