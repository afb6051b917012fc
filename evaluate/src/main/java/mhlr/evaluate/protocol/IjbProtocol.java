package mhlr.evaluate.protocol;

/**
 * An IJB-B/C 1:1 protocol: its faces (one per line of {@code *_face_tid_mid.txt}, in that order: a {@code .npy}
 * holds one row per face in this order) and its template pairs.
 *
 * @param name the protocol's name ({@code ijbb}, {@code ijbc})
 * @param images image name of each face
 * @param templateIds template id of each face
 * @param mediaIds media id of each face
 * @param detectorScores detector score of each face
 * @param leftTemplates first template of each pair
 * @param rightTemplates second template of each pair
 * @param same whether each pair is genuine
 */
public record IjbProtocol(String name, String[] images, int[] templateIds, int[] mediaIds, float[] detectorScores,
        int[] leftTemplates, int[] rightTemplates, boolean[] same) implements VerificationProtocol {

    @Override
    public long pairs() {
        return leftTemplates.length;
    }

    public int faces() {
        return images.length;
    }
}
