/**
 * The margin-softmax head of face recognition: {@link mhlr.train.loss.CombinedMarginLoss} (ArcFace, CosFace and
 * their combination, as insightface arcface_torch's {@code losses.py}) over cosines between normalised embeddings and
 * normalised class centres, and {@link mhlr.train.loss.PartialFcSampler}, Partial FC's choice of class centres per
 * step. Pure graph arithmetic and plain Java: no parameters live here.
 */
package mhlr.train.loss;
