package mhlr.evaluate.embed;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.train.onnx.OnnxMetadata;

/**
 * How an ONNX face model wants its images: network input = (pixel - mean) / std, planes in RGB or BGR order, square
 * of {@code inputSize} when the model's input shape leaves the size open. Read from the model's
 * {@code metadata_props} ({@link OnnxMetadata}) when present, else from {@code evaluate.onnx { }}, whose defaults are
 * insightface's (127.5, 127.5, RGB, 112).
 */
public record OnnxInput(int inputSize, double mean, double std, String colorOrder) implements Serializable {

    public OnnxInput {
        colorOrder = colorOrder.toUpperCase(Locale.ROOT);
        if (!colorOrder.equals("RGB") && !colorOrder.equals("BGR")) {
            throw new UsageException("colour order must be RGB or BGR, got '" + colorOrder + "'");
        }
        if (inputSize < 8 || !(std > 0)) {
            throw new UsageException("input size must be at least 8 and std positive, got " + inputSize + " and "
                    + std);
        }
    }

    /** These settings with every metadata key of {@code metadata} that is present taking precedence. */
    OnnxInput withMetadata(Map<String, String> metadata, String source) {
        try {
            return new OnnxInput(inputSize,
                    Double.parseDouble(metadata.getOrDefault(OnnxMetadata.INPUT_MEAN, Double.toString(mean))),
                    Double.parseDouble(metadata.getOrDefault(OnnxMetadata.INPUT_STD, Double.toString(std))),
                    metadata.getOrDefault(OnnxMetadata.COLOR_ORDER, colorOrder));
        } catch (NumberFormatException | UsageException e) {
            throw new UsageException(source + ": bad preprocessing metadata: " + e.getMessage(), e);
        }
    }

    /** The same settings for a model whose input is {@code size} square. */
    OnnxInput withInputSize(int size) {
        return new OnnxInput(size, mean, std, colorOrder);
    }

    /**
     * Rewrites images prepared as (pixel - 127.5) / 127.5 in RGB order into this model's input, in place.
     *
     * @param n images of 3 x inputSize x inputSize values
     */
    void prepare(float[] chwBatch, int n) {
        int plane = inputSize * inputSize;
        boolean identity = mean == OnnxMetadata.INSIGHTFACE_MEAN && std == OnnxMetadata.INSIGHTFACE_STD;
        if (!identity) {
            float scale = (float) (127.5 / std);
            float offset = (float) ((127.5 - mean) / std);
            for (int i = 0; i < n * 3 * plane; i++) {
                chwBatch[i] = chwBatch[i] * scale + offset;
            }
        }
        if (colorOrder.equals("BGR")) {
            float[] red = new float[plane];
            for (int image = 0; image < n; image++) {
                int r = image * 3 * plane;
                int b = r + 2 * plane;
                System.arraycopy(chwBatch, r, red, 0, plane);
                System.arraycopy(chwBatch, b, chwBatch, r, plane);
                System.arraycopy(red, 0, chwBatch, b, plane);
            }
        }
    }
}
