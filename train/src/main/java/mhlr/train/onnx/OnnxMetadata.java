package mhlr.train.onnx;

/**
 * The {@code metadata_props} keys an exported model carries, so that a reader prepares images as the network
 * expects without being told: network input = (pixel - {@link #INPUT_MEAN}) / {@link #INPUT_STD}, planes in
 * {@link #COLOR_ORDER}, [batch, 3, height, width]. The same keys tell {@code bin/evaluate} how to feed any ONNX
 * face model that has them.
 */
public final class OnnxMetadata {

    /** Subtracted from every pixel value (0..255): {@code 127.5}. */
    public static final String INPUT_MEAN = "input_mean";
    /** Divides every pixel value after the mean is subtracted: {@code 127.5}. */
    public static final String INPUT_STD = "input_std";
    /** Order of the three input planes: {@code RGB} or {@code BGR}. */
    public static final String COLOR_ORDER = "color_order";
    /** Layout of the input tensor: {@code NCHW}. */
    public static final String INPUT_LAYOUT = "input_layout";
    /** What the output is: {@code raw} (the embedding before L2 normalisation). */
    public static final String EMBEDDING = "embedding";
    /** The backbone's architecture as {@code BackboneSpec} properties text (models this project exported). */
    public static final String BACKBONE_SPEC = "mhlr.backbone_spec";

    /** insightface's preprocessing, used when a model carries no metadata: mean and std 127.5. */
    public static final double INSIGHTFACE_MEAN = 127.5;
    /** See {@link #INSIGHTFACE_MEAN}. */
    public static final double INSIGHTFACE_STD = 127.5;
    /** insightface feeds RGB planes ({@code cv2.dnn.blobFromImages(..., swapRB=True)}). */
    public static final String INSIGHTFACE_COLOR_ORDER = "RGB";

    private OnnxMetadata() {
    }
}
