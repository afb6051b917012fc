package mhlr.evaluate.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import mhlr.train.model.InferenceModel;

/**
 * The models restored in this JVM, keyed by the SHA-256 of their bytes: every task of an executor shares one
 * restored model instead of unpacking the broadcast bytes per partition.
 */
final class ModelCache {
    private static final ConcurrentMap<String, InferenceModel> MODELS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    static InferenceModel get(String hash, byte[] bytes) {
        return MODELS.computeIfAbsent(hash, ignored -> {
            try {
                return InferenceModel.load(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore the broadcast model", e);
            }
        });
    }
}
