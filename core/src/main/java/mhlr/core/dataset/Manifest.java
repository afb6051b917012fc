package mhlr.core.dataset;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mhlr.core.cli.UsageException;

/**
 * The {@code manifest.json} of a shard set ({@link ShardSchema#MANIFEST_FILE}), written last and atomically: what
 * the set is, how many records
 * went in and out, and the name, row count, size and SHA-256 of every file. It holds no time stamp and no
 * host name, so the same input and seed give a byte-identical manifest.
 *
 * @param schemaVersion {@link ShardSchema#VERSION} at writing time
 * @param kind train or eval
 * @param counts read, written, skipped, duplicates, images, classes
 * @param shards the Parquet image shards, in order; empty when only RecordIO or {@code .bin} output was asked for
 * @param files the other files the set carries (pair list, skipped table, RecordIO files, {@code .bin} files), by
 *     their path relative to the shard folder
 * @param protocols the verification protocols of an evaluation set (empty for training sets)
 * @param parameters the settings that produced the set (format, seed, filters, ...), sorted by key
 *
 * <p>Built by name with {@link #builder(DatasetKind)} at the current {@link ShardSchema#VERSION}; the canonical
 * constructor is for JSON.
 */
public record Manifest(
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("kind") DatasetKind kind,
        @JsonProperty("counts") Counts counts,
        @JsonProperty("shards") List<ShardFile> shards,
        @JsonProperty("files") List<ShardFile> files,
        @JsonProperty("protocols") List<ProtocolEntry> protocols,
        @JsonProperty("parameters") Map<String, Object> parameters) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Manifest {
        shards = List.copyOf(shards);
        files = files == null ? List.of() : List.copyOf(files);
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
        parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
        long rows = shards.stream().mapToLong(ShardFile::rows).sum();
        if (counts != null && !shards.isEmpty() && rows != counts.written()) {
            throw new IllegalArgumentException("shards hold " + rows + " rows but counts say " + counts.written()
                    + " were written");
        }
    }

    /** A builder of a manifest of {@code kind} at the current schema version, with no files yet. */
    public static Builder builder(DatasetKind kind) {
        return new Builder(kind);
    }

    /** A manifest by name. */
    public static final class Builder {
        private final DatasetKind kind;
        private Counts counts;
        private List<ShardFile> shards = List.of();
        private List<ShardFile> files = List.of();
        private List<ProtocolEntry> protocols = List.of();
        private Map<String, Object> parameters = Map.of();

        private Builder(DatasetKind kind) {
            this.kind = kind;
        }

        /** Read, written and skipped records. */
        public Builder counts(Counts value) {
            counts = value;
            return this;
        }

        /** The Parquet image shards, in order. */
        public Builder shards(List<ShardFile> value) {
            shards = value;
            return this;
        }

        /** The other files of the set, by their path relative to the shard folder. */
        public Builder files(List<ShardFile> value) {
            files = value;
            return this;
        }

        /** The verification protocols of an evaluation set. */
        public Builder protocols(List<ProtocolEntry> value) {
            protocols = value;
            return this;
        }

        /** The settings that produced the set. */
        public Builder parameters(Map<String, Object> value) {
            parameters = value;
            return this;
        }

        /** The manifest; counts are required. */
        public Manifest build() {
            if (counts == null) {
                throw new IllegalStateException("a manifest needs its counts");
            }
            return new Manifest(ShardSchema.VERSION, kind, counts, shards, files, protocols, parameters);
        }
    }

    /** The manifest as pretty, deterministic JSON (UTF-8 bytes, trailing newline). */
    public byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /**
     * Parses a manifest.
     *
     * @param where the file it came from, named in every error
     * @throws UsageException when the JSON is malformed, incomplete or of another schema version
     */
    public static Manifest parse(byte[] json, String where) {
        Manifest manifest;
        try {
            manifest = JSON.readValue(json, Manifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(where + " is not a valid manifest: " + firstLine(e.getMessage()), e);
        }
        if (manifest.schemaVersion() != ShardSchema.VERSION) {
            throw new UsageException(where + " has schema version " + manifest.schemaVersion()
                    + "; this build reads version " + ShardSchema.VERSION);
        }
        if (manifest.kind() == null || manifest.counts() == null || manifest.shards() == null) {
            throw new UsageException(where + " lacks kind, counts or shards");
        }
        return manifest;
    }

    /** Every file the manifest names: shards first, then the other files. */
    public List<ShardFile> allFiles() {
        return java.util.stream.Stream.concat(shards.stream(), files.stream()).toList();
    }

    /** The file entry named {@code name}, if the manifest lists it. */
    public java.util.Optional<ShardFile> file(String name) {
        return allFiles().stream().filter(f -> f.file().equals(name)).findFirst();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
