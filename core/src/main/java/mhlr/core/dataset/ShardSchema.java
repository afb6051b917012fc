package mhlr.core.dataset;

/**
 * Column names, types and the folder layout of what ingest writes. One place, so ingest (Spark), train (plain
 * parquet-hadoop) and evaluate (Spark) cannot drift apart.
 *
 * <p>Layout: the shard folder itself is the dataset. It holds only the image shards
 * ({@code shard-NNNNN.parquet}); every side file (manifest, pair list, skipped table, and the RecordIO files when
 * both outputs are asked for) sits in a sub-folder whose name starts with {@code __} ({@link #SIDE_FOLDER},
 * {@link #RECORDIO_BESIDE_SHARDS}), which Spark, pyarrow, pandas and Hugging Face datasets all skip, so each of
 * them reads exactly the image rows when pointed at the folder. Manifest entries name files by their path
 * relative to the shard folder ({@code shard-00000.parquet}, {@code __mhlr/pairs.parquet}).
 *
 * <ul>
 *   <li>Training shards: {@link #LABEL} int32 (dense 0..C-1 in sorted identity order), {@link #IDENTITY}
 *       string, {@link #IMAGE} (the encoded 112x112 face as Hugging Face's {@code Image} struct: {@link #BYTES}
 *       binary, {@link #PATH} string, always null), {@link #SOURCE} string (path or record key). The file's
 *       key-value metadata {@link #HUGGING_FACE_METADATA} declares the image column an {@code Image} feature,
 *       so {@code datasets.load_dataset} yields PIL images.</li>
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
    /**
     * Bumped when a column changes meaning; readers refuse other versions. Version 2: side files under
     * {@link #SIDE_FOLDER}, the image as a {@code {bytes, path}} struct.
     */
    public static final int VERSION = 2;

    public static final String LABEL = "label";
    public static final String IDENTITY = "identity";
    public static final String IMAGE = "image";
    public static final String SOURCE = "source";
    /** The encoded image inside the {@link #IMAGE} struct. */
    public static final String BYTES = "bytes";
    /** The image's file path inside the {@link #IMAGE} struct (Hugging Face's field; ingest leaves it null). */
    public static final String PATH = "path";
    /** The encoded image bytes as a Spark column expression. */
    public static final String IMAGE_BYTES = IMAGE + "." + BYTES;
    /** The Parquet key-value metadata key Hugging Face datasets reads its features from. */
    public static final String HUGGING_FACE_METADATA = "huggingface";

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

    /**
     * The sub-folder of a shard folder that holds every side file. Its name starts with {@code __}: Spark, pyarrow
     * and pandas skip names starting with {@code _} or {@code .}, Hugging Face datasets those starting with
     * {@code __} or {@code .}. Every other side-file path derives from it.
     */
    public static final String SIDE_FOLDER = "__mhlr";
    /** The manifest, written last. */
    public static final String MANIFEST_FILE = SIDE_FOLDER + "/manifest.json";
    /** The protocol's pair list, beside evaluation shards. */
    public static final String PAIRS_FILE = SIDE_FOLDER + "/pairs.parquet";
    /**
     * IJB 1:N identification lists beside evaluation shards: a row per line of the gallery and probe files,
     * columns {@link #PROTOCOL}, {@link #IDENTIFICATION_SET} ({@code G1}, {@code G2}, {@code probe}), {@link #LINE}
     * (the line's index in its file), {@link #TEMPLATE_ID} and {@link #SUBJECT_ID}.
     */
    public static final String IDENTIFICATION_FILE = SIDE_FOLDER + "/identification.parquet";
    public static final String IDENTIFICATION_SET = "set";
    public static final String LINE = "line";
    public static final String SUBJECT_ID = "subject_id";
    public static final String GALLERY_ONE = "G1";
    public static final String GALLERY_TWO = "G2";
    public static final String PROBE = "probe";
    /** Every record that was read but not written, with its reason. */
    public static final String SKIPPED_FILE = SIDE_FOLDER + "/skipped.parquet";
    public static final String SKIPPED_CSV = SIDE_FOLDER + "/skipped.csv";
    /** Where schema version 1 kept the manifest (at the top, beside the shards); such a folder is refused. */
    public static final String OLD_MANIFEST_FILE = "manifest.json";

    /** The insightface RecordIO files, named as arcface_torch's {@code MXFaceDataset} opens them. */
    public static final String RECORDIO_FILE = "train.rec";
    public static final String RECORDIO_INDEX = "train.idx";
    public static final String RECORDIO_PROPERTY = "property";
    /**
     * Where the RecordIO files go when Parquet shards are written too ({@code --output-format both}): a
     * sub-folder, so the shard folder stays a pure Parquet dataset. With RecordIO alone they sit at the top.
     */
    public static final String RECORDIO_BESIDE_SHARDS = "__recordio";
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
