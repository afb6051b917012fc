package mhlr.evaluate.embed;

import mhlr.train.model.InferenceModel;

/** A {@code model.mhlr} from bin/train, run by {@link InferenceModel} on ND4J. */
final class MhlrFaceModel implements FaceModel {

    private final InferenceModel model;

    MhlrFaceModel(InferenceModel model) {
        this.model = model;
    }

    @Override
    public int inputSize() {
        return model.spec().inputSize();
    }

    @Override
    public int embeddingSize() {
        return model.embeddingSize();
    }

    @Override
    public float[][] embed(float[] chwBatch, int n) {
        return model.embed(chwBatch, n);
    }
}
