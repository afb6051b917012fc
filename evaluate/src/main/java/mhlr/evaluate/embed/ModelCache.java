package mhlr.evaluate.embed;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The models restored in this JVM, keyed by the SHA-256 of their bytes: every task of an executor shares one
 * restored model (one ND4J graph, or one ONNX Runtime session) instead of unpacking the broadcast bytes per
 * partition.
 */
final class ModelCache {
    private static final ConcurrentMap<String, FaceModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    static FaceModel get(String hash, byte[] bytes, String source, OnnxInput defaults) {
        return MODELS.computeIfAbsent(hash + defaults, ignored -> FaceModels.load(bytes, source, defaults));
    }
}
