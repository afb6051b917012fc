package mhlr.core.dataset;

/**
 * One file the manifest vouches for.
 *
 * @param file the name inside the shard directory
 * @param rows its row count
 * @param bytes its size, so a truncated file is caught without reading it
 * @param sha256 hex SHA-256 of its bytes
 */
public record ShardFile(String file, long rows, long bytes, String sha256) {
}
