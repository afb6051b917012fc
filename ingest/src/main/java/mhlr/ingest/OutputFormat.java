package mhlr.ingest;

import java.util.Arrays;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.ShardSchema;

/**
 * What ingest writes ({@code ingest.output-format}, {@code --output-format}). Every format writes the side folder
 * ({@link ShardSchema#SIDE_FOLDER}: manifest, skipped table) the same way.
 */
public enum OutputFormat {
    /** Parquet shards at the top of the output folder (the default). */
    PARQUET(true, false, false),
    /** Training sets: insightface's {@code train.rec}, {@code train.idx} and {@code property} at the top. */
    RECORDIO(false, true, false),
    /** Training sets: Parquet shards at the top, the RecordIO files in {@link ShardSchema#RECORDIO_BESIDE_SHARDS}. */
    BOTH(true, true, false),
    /** Evaluation sets of ten-fold protocols: insightface's {@code <protocol>.bin} pickle per protocol, at the top. */
    BIN(false, false, true);

    /** The one evaluation input whose pairs join templates, not images. */
    private static final String IJB = "ijb";

    /** The names the setting accepts. */
    public static final List<String> NAMES = Arrays.stream(values()).map(OutputFormat::configName).toList();

    private final boolean parquet;
    private final boolean recordIo;
    private final boolean verificationBin;

    OutputFormat(boolean parquet, boolean recordIo, boolean verificationBin) {
        this.parquet = parquet;
        this.recordIo = recordIo;
        this.verificationBin = verificationBin;
    }

    /** The format a setting names. */
    public static OutputFormat named(String name) {
        return Arrays.stream(values()).filter(format -> format.configName().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException("ingest.output-format '" + name + "' is none of "
                        + String.join(", ", NAMES)));
    }

    /** Its name in the configuration and on the command line. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean writesParquet() {
        return parquet;
    }

    public boolean writesRecordIo() {
        return recordIo;
    }

    public boolean writesVerificationBin() {
        return verificationBin;
    }

    /** The folder of the RecordIO files, relative to the output folder ("" = the output folder itself). */
    public String recordIoFolder() {
        return parquet ? ShardSchema.RECORDIO_BESIDE_SHARDS + "/" : "";
    }

    /**
     * Refuses a format the input's kind cannot give: RecordIO holds labelled training faces, a {@code .bin} the
     * pairs of an evaluation set.
     *
     * @param inputFormat the input format, named in the message
     */
    public void requireFor(DatasetKind kind, String inputFormat) {
        if (recordIo && kind != DatasetKind.TRAIN) {
            throw new UsageException("--output-format " + configName() + " writes a training set, but --format "
                    + inputFormat + " reads an evaluation set; use parquet or bin");
        }
        if (verificationBin && kind != DatasetKind.EVAL) {
            throw new UsageException("--output-format bin writes verification pairs, but --format " + inputFormat
                    + " reads a training set; use parquet, recordio or both");
        }
        if (verificationBin && inputFormat.equals(IJB)) {
            throw new UsageException("--output-format bin writes image pairs, but --format ijb pairs templates;"
                    + " use parquet");
        }
    }
}
