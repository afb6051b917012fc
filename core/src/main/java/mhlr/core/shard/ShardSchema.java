package mhlr.core.shard;

/**
 * Column names and types of the Parquet files ingest writes. One place, so ingest (Spark), train (plain
 * parquet-hadoop) and evaluate (Spark) cannot drift apart.
 *
 * <ul>
 *   <li>Training shards: {@link #LABEL} int32 (dense 0..C-1 in sorted identity order), {@link #IDENTITY}
 *       string, {@link #IMAGE} binary (encoded 112x112 face), {@link #SOURCE} string (path or record key).</li>
 *   <li>Evaluation shards: {@link #KEY} string (the image's name in its protocol), {@link #IMAGE},
 *       {@link #SOURCE}, and for IJB {@link #TEMPLATE_ID} int32, {@link #MEDIA_ID} int32,
 *       {@link #DETECTOR_SCORE} float32 (null elsewhere).</li>
 *   <li>The pair list ({@link #PAIRS_FILE}): {@link #PROTOCOL} string, {@link #PAIR_INDEX} int64,
 *       {@link #LEFT} and {@link #RIGHT} string (image keys, or template ids for IJB), {@link #SAME} boolean,
 *       {@link #FOLD} int32 (-1 when the protocol has no folds).</li>
 *   <li>The skipped table ({@link #SKIPPED_FILE}, and {@link #SKIPPED_CSV} for people):
 *       {@link #SOURCE} string, {@link #REASON} string, {@link #DETAIL} string.</li>
 * </ul>
 */
public final class ShardSchema {
    /** Bumped when a column changes meaning; readers refuse other versions. */
    public static final int VERSION = 1;

    public static final String LABEL = "label";
    public static final String IDENTITY = "identity";
    public static final String IMAGE = "image";
    public static final String SOURCE = "source";

    public static final String KEY = "key";
    public static final String TEMPLATE_ID = "template_id";
    public static final String MEDIA_ID = "media_id";
    public static final String DETECTOR_SCORE = "detector_score";

    public static final String PROTOCOL = "protocol";
    public static final String PAIR_INDEX = "pair_index";
    public static final String LEFT = "left";
    public static final String RIGHT = "right";
    public static final String SAME = "same";
    public static final String FOLD = "fold";

    public static final String REASON = "reason";
    public static final String DETAIL = "detail";

    /** The manifest, written last. */
    public static final String MANIFEST_FILE = "manifest.json";
    /** The protocol's pair list, beside evaluation shards. */
    public static final String PAIRS_FILE = "pairs.parquet";
    /**
     * IJB 1:N identification lists beside evaluation shards: a row per line of the gallery and probe files,
     * columns {@link #PROTOCOL}, {@link #IDENTIFICATION_SET} ({@code G1}, {@code G2}, {@code probe}), {@link #LINE}
     * (the line's index in its file), {@link #TEMPLATE_ID} and {@link #SUBJECT_ID}.
     */
    public static final String IDENTIFICATION_FILE = "identification.parquet";
    public static final String IDENTIFICATION_SET = "set";
    public static final String LINE = "line";
    public static final String SUBJECT_ID = "subject_id";
    public static final String GALLERY_ONE = "G1";
    public static final String GALLERY_TWO = "G2";
    public static final String PROBE = "probe";
    /** Every record that was read but not written, with its reason. */
    public static final String SKIPPED_FILE = "skipped.parquet";
    public static final String SKIPPED_CSV = "skipped.csv";
    /** Shard files are named {@code shard-00000.parquet}, ... */
    public static final String SHARD_PREFIX = "shard-";

    /** Side length of every stored face. */
    public static final int IMAGE_SIZE = 112;

    private ShardSchema() {
    }

    /** The file name of shard number {@code index}. */
    public static String shardName(int index) {
        return String.format("%s%05d.parquet", SHARD_PREFIX, index);
    }
}
