package mhlr.core.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import mhlr.core.cli.UsageException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A shard directory opened through its manifest, on any Hadoop file system (local paths, {@code hdfs://},
 * {@code s3a://}). Opening refuses a directory without a manifest; {@link #verify} refuses a missing,
 * truncated or altered file, naming it.
 */
public final class ShardSet {
    /** How thoroughly {@link #verify} checks the files. */
    public enum Check {
        /** Each file exists with the size the manifest gives. */
        SIZE,
        /** As {@link #SIZE}, and each file's SHA-256 matches. */
        FULL
    }

    private final Path directory;
    private final FileSystem fileSystem;
    private final Manifest manifest;

    private ShardSet(Path directory, FileSystem fileSystem, Manifest manifest) {
        this.directory = directory;
        this.fileSystem = fileSystem;
        this.manifest = manifest;
    }

    /**
     * Opens the shard set at {@code directory} and reads its manifest.
     *
     * @throws UsageException when the directory or its manifest is missing or invalid
     */
    public static ShardSet open(String directory) {
        return open(directory, new Configuration());
    }

    public static ShardSet open(String directory, Configuration hadoop) {
        Path path = new Path(directory);
        try {
            FileSystem fileSystem = path.getFileSystem(hadoop);
            Path manifestPath = manifestPath(path);
            if (!fileSystem.exists(path)) {
                throw new UsageException("shard directory " + directory + " does not exist");
            }
            if (!fileSystem.exists(manifestPath)) {
                Path oldManifest = new Path(path, ShardSchema.OLD_MANIFEST_FILE);
                if (fileSystem.exists(oldManifest)) {
                    throw new UsageException(oldLayout(directory, fileSystem, oldManifest));
                }
                throw new UsageException(manifestPath + " is missing: " + directory
                        + " is not a complete shard set (ingest writes the manifest last)");
            }
            byte[] json;
            try (FSDataInputStream in = fileSystem.open(manifestPath)) {
                json = in.readAllBytes();
            }
            return new ShardSet(path, fileSystem, Manifest.parse(json, manifestPath.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shard directory " + directory, e);
        }
    }

    /**
     * The message for a folder in schema version 1's layout (manifest.json at the top, beside the shards): what
     * changed and the command that rebuilds it, with the format and input its manifest recorded.
     */
    static String oldLayout(String directory, FileSystem fileSystem, Path oldManifest) throws IOException {
        String format = "FORMAT";
        String input = "INPUT";
        try (FSDataInputStream in = fileSystem.open(oldManifest)) {
            JsonNode parameters = new ObjectMapper().readTree(in).path("parameters");
            format = parameters.path("format").asText(format);
            input = parameters.path("input").asText(input);
        } catch (JsonProcessingException e) {
            // an unreadable old manifest still gets the rebuild message, with placeholders
        }
        return directory + " is a shard folder of an older layout (" + ShardSchema.OLD_MANIFEST_FILE
                + " at the top; this build reads schema version " + ShardSchema.VERSION + ", side files under "
                + ShardSchema.SIDE_FOLDER + "/ and the image as a {bytes, path} struct); rebuild it with: bin/ingest"
                + " --format " + format + " --input " + input + " --output " + directory + " --overwrite";
    }

    /** Where the manifest of the set in {@code directory} lies (whether or not it exists). */
    public static Path manifestPath(Path directory) {
        return new Path(directory, ShardSchema.MANIFEST_FILE);
    }

    public Manifest manifest() {
        return manifest;
    }

    public Path directory() {
        return directory;
    }

    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** The full path of a file of the set. */
    public Path resolve(String file) {
        return new Path(directory, file);
    }

    /** The shard paths in manifest order, as URI strings (for Spark's reader). */
    public List<String> shardPaths() {
        return manifest.shards().stream().map(shard -> resolve(shard.file()).toString()).toList();
    }

    /**
     * Checks every file the manifest names.
     *
     * @throws UsageException naming the first file that is missing, of the wrong size or altered
     */
    public ShardSet verify(Check check) {
        for (ShardFile file : manifest.allFiles()) {
            verifyFile(file, check);
        }
        return this;
    }

    /** Checks one file of the set. */
    public void verifyFile(ShardFile file, Check check) {
        Path path = resolve(file.file());
        try {
            if (!fileSystem.exists(path)) {
                throw new UsageException("shard " + path + " named in the manifest is missing");
            }
            FileStatus status = fileSystem.getFileStatus(path);
            if (status.getLen() != file.bytes()) {
                throw new UsageException("shard " + path + " has " + status.getLen() + " bytes, the manifest says "
                        + file.bytes() + " (truncated or replaced)");
            }
            if (check == Check.FULL) {
                String actual;
                try (InputStream in = fileSystem.open(path)) {
                    actual = sha256(in);
                }
                if (!actual.equals(file.sha256())) {
                    throw new UsageException("shard " + path + " does not match its SHA-256 in the manifest (altered)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check shard " + path, e);
        }
    }

    /** Hex SHA-256 of a stream's bytes. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Describes a file of the set after it was written: rows as given, size and hash read back.
     *
     * @param directory the shard folder (or its staging copy)
     * @param name the file's path relative to it, as the manifest names it (e.g. {@link ShardSchema#PAIRS_FILE})
     */
    public static ShardFile describe(FileSystem fileSystem, Path directory, String name, long rows)
            throws IOException {
        Path file = new Path(directory, name);
        try (InputStream in = fileSystem.open(file)) {
            return new ShardFile(name, rows, fileSystem.getFileStatus(file).getLen(), sha256(in));
        }
    }

    /** A URI for a local path or a Hadoop URI string. */
    public static URI uri(String location) {
        return new Path(location).toUri();
    }
}
