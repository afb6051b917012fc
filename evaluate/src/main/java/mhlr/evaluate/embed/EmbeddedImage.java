package mhlr.evaluate.embed;

import java.io.Serializable;

/**
 * One evaluation image after the model: its key and IJB fields from the shard row, and its embedding followed
 * by its horizontal flip's embedding ({@code [2D]}, the layout of insightface's IJB feature files).
 *
 * @param key the image's key in its protocol
 * @param templateId IJB template id (0 elsewhere)
 * @param mediaId IJB media id (0 elsewhere)
 * @param detectorScore IJB detector score (1 elsewhere)
 * @param features embedding then flip's embedding
 */
public record EmbeddedImage(String key, int templateId, int mediaId, float detectorScore, float[] features)
        implements Serializable {
}
