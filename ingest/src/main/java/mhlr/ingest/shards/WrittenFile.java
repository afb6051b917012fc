package mhlr.ingest.shards;

import java.io.Serializable;
import mhlr.core.dataset.ShardFile;

/**
 * A file an executor wrote, as it travels back to the driver (core's {@link ShardFile} is a plain record, not
 * serializable).
 *
 * @param file the name inside the output directory
 * @param rows its row count
 * @param bytes its size
 * @param sha256 hex SHA-256 of its bytes
 */
public record WrittenFile(String file, long rows, long bytes, String sha256) implements Serializable {

    public static WrittenFile of(ShardFile file) {
        return new WrittenFile(file.file(), file.rows(), file.bytes(), file.sha256());
    }

    /** The manifest's entry for it. */
    public ShardFile toShardFile() {
        return new ShardFile(file, rows, bytes, sha256);
    }
}
