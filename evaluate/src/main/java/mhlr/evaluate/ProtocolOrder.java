package mhlr.evaluate;

import java.util.ArrayList;
import java.util.List;
import mhlr.core.format.FacePair;
import mhlr.evaluate.protocol.IjbProtocol;
import mhlr.evaluate.protocol.TenFoldProtocol;
import mhlr.evaluate.protocol.VerificationProtocol;

/**
 * The image keys of a protocol in the order of the rows of its {@code .npy}, the order {@code bin/evaluate
 * --embeddings} reads: for 10-fold, pair i's two images as rows 2i and 2i+1; for IJB, the protocol's faces in
 * order (for a shard set, {@link EvaluationData}'s face order).
 */
final class ProtocolOrder {
    private ProtocolOrder() {
    }

    static List<String> keys(VerificationProtocol protocol) {
        if (protocol instanceof IjbProtocol ijb) {
            return List.of(ijb.images());
        }
        List<FacePair> pairs = ((TenFoldProtocol) protocol).facePairs();
        List<String> keys = new ArrayList<>(2 * pairs.size());
        for (FacePair pair : pairs) {
            keys.add(pair.left());
            keys.add(pair.right());
        }
        return keys;
    }
}
