package mhlr.evaluate.protocol;

import java.util.List;
import mhlr.core.format.FacePair;

/**
 * A pair list evaluated by insightface's 10-fold ({@link TenFoldResult#of}): pairs of image keys in protocol order
 * (a {@code .npy} holds the features of pair i's images in rows 2i and 2i+1).
 *
 * @param name the protocol's name
 * @param facePairs the pairs in order
 */
public record TenFoldProtocol(String name, List<FacePair> facePairs) implements VerificationProtocol {
    public TenFoldProtocol {
        facePairs = List.copyOf(facePairs);
    }

    @Override
    public long pairs() {
        return facePairs.size();
    }
}
