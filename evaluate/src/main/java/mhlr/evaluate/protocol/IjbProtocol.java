package mhlr.evaluate.protocol;

import java.util.Optional;
import mhlr.core.format.IjbIdentificationMeta;

/**
 * An IJB-B/C protocol: its faces (one per line of {@code *_face_tid_mid.txt}, in that order: a {@code .npy}
 * holds one row per face in this order), its 1:1 template pairs and, when present, its 1:N lists.
 *
 * @param name the protocol's name ({@code ijbb}, {@code ijbc})
 * @param images image name of each face
 * @param templateIds template id of each face
 * @param mediaIds media id of each face
 * @param detectorScores detector score of each face
 * @param leftTemplates first template of each pair
 * @param rightTemplates second template of each pair
 * @param same whether each pair is genuine
 * @param identification the 1:N gallery and probe lists, when the protocol has them
 */
public record IjbProtocol(String name, String[] images, int[] templateIds, int[] mediaIds, float[] detectorScores,
        int[] leftTemplates, int[] rightTemplates, boolean[] same, Optional<IjbIdentificationMeta> identification)
        implements VerificationProtocol {

    @Override
    public long pairs() {
        return leftTemplates.length;
    }

    public int faces() {
        return images.length;
    }
}
