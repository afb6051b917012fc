/**
 * The verification protocols, to the number: insightface's 10-fold accuracy for pair lists
 * ({@link mhlr.evaluate.protocol.TenFold}) and its IJB-B/C 1:1 template pooling and scoring
 * ({@link mhlr.evaluate.protocol.TemplatePooling}, {@link mhlr.evaluate.protocol.PairScorer}), with numpy's
 * summation order where it decides the last bit ({@link mhlr.evaluate.protocol.NumpyMath}).
 */
package mhlr.evaluate.protocol;
