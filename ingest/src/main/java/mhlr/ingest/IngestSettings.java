package mhlr.ingest;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.UsageException;

/**
 * The {@code ingest { }} block of the configuration, typed and checked, plus the global seed. Serializable
 * because Spark tasks carry it.
 *
 * @param format the source format ({@code folders}, {@code recordio}, ...)
 * @param outputFormat what to write: Parquet shards, RecordIO, both, or {@code .bin} files
 * @param seed the seed of the shuffle into shards
 * @param parts folders in WebFace layout: the numbered top folders to read; empty = all
 * @param minImagesPerIdentity training: identities with fewer usable images are left out
 * @param maxIdentities training: at most this many identities, the first in sorted order; 0 = all
 * @param shardRows images per shard; 0 = from {@code shardMegabytes}
 * @param shardMegabytes target shard size when {@code shardRows} is 0
 * @param rowGroupMegabytes Parquet row-group size
 * @param maxSkippedFraction the share of bad records above which the job fails
 * @param partitions Spark partitions of the per-image work; 0 = derived
 * @param planOnDriverUpTo inputs of up to this many records are counted and arranged into shards on the driver,
 *     larger ones by Spark shuffles ({@link PassOneSummaries}); the output is the same
 * @param progressSeconds seconds between progress lines
 * @param landmarkFile the landmark file ("" = the format's default)
 * @param pairsFile lfw: the pairs file
 * @param protocol the protocol name ("" = derived from the input)
 */
public record IngestSettings(
        String format,
        OutputFormat outputFormat,
        long seed,
        List<String> parts,
        int minImagesPerIdentity,
        int maxIdentities,
        long shardRows,
        double shardMegabytes,
        double rowGroupMegabytes,
        double maxSkippedFraction,
        int partitions,
        long planOnDriverUpTo,
        double progressSeconds,
        String landmarkFile,
        String pairsFile,
        String protocol) implements Serializable {

    public IngestSettings {
        parts = List.copyOf(parts);
        require(minImagesPerIdentity >= 1, "ingest.min-images-per-identity must be at least 1");
        require(maxIdentities >= 0, "ingest.max-identities must be 0 (all) or more");
        require(shardRows >= 0, "ingest.shard-rows must be 0 (use shard-mb) or more");
        require(shardMegabytes > 0, "ingest.shard-mb must be positive");
        require(rowGroupMegabytes > 0, "ingest.row-group-mb must be positive");
        require(maxSkippedFraction >= 0 && maxSkippedFraction <= 1, "ingest.max-skipped-fraction must be in [0, 1]");
        require(partitions >= 0, "ingest.partitions must be 0 (derived) or more");
        require(planOnDriverUpTo >= 0, "ingest.plan-on-driver-up-to must be 0 (always shuffle) or more");
        require(progressSeconds > 0, "ingest.progress-seconds must be positive");
    }

    /** Reads the settings from a loaded configuration ({@code seed} and the {@code ingest} block). */
    public static IngestSettings from(Config config) {
        Config ingest = config.getConfig("ingest");
        List<String> parts = ingest.getList("parts").unwrapped().stream().map(IngestSettings::partName).toList();
        return new IngestSettings(
                ingest.getString("format"),
                OutputFormat.named(ingest.getString("output-format")),
                config.getLong("seed"),
                parts,
                ingest.getInt("min-images-per-identity"),
                ingest.getInt("max-identities"),
                ingest.getLong("shard-rows"),
                ingest.getDouble("shard-mb"),
                ingest.getDouble("row-group-mb"),
                ingest.getDouble("max-skipped-fraction"),
                ingest.getInt("partitions"),
                ingest.getLong("plan-on-driver-up-to"),
                ingest.getDouble("progress-seconds"),
                ingest.getString("landmark-file"),
                ingest.getString("pairs-file"),
                ingest.getString("protocol"));
    }

    /** The landmark file setting, if one is given. */
    public Optional<String> landmarkFileSetting() {
        return landmarkFile.isBlank() ? Optional.empty() : Optional.of(landmarkFile);
    }

    /** The protocol name setting, if one is given. */
    public Optional<String> protocolSetting() {
        return protocol.isBlank() ? Optional.empty() : Optional.of(protocol);
    }

    /** Row-group size in bytes. */
    public long rowGroupBytes() {
        return Math.max(64 * 1024, Math.round(rowGroupMegabytes * 1024 * 1024));
    }

    /** The settings as the manifest records them (sorted keys, config names). */
    public Map<String, Object> manifestParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("format", format);
        parameters.put("output-format", outputFormat.configName());
        parameters.put("seed", seed);
        parameters.put("parts", parts);
        parameters.put("min-images-per-identity", minImagesPerIdentity);
        parameters.put("max-identities", maxIdentities);
        parameters.put("shard-rows", shardRows);
        parameters.put("shard-mb", shardMegabytes);
        parameters.put("row-group-mb", rowGroupMegabytes);
        parameters.put("max-skipped-fraction", maxSkippedFraction);
        parameters.put("landmark-file", landmarkFile);
        parameters.put("pairs-file", pairsFile);
        parameters.put("protocol", protocol);
        return parameters;
    }

    private static String partName(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }
}
