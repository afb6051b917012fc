/**
 * The verification protocols, to the number: insightface's 10-fold for pair lists (core's
 * {@link mhlr.core.verification.TenFold}, reported with its ROC as {@link mhlr.evaluate.protocol.TenFoldResult}) and
 * its IJB-B/C 1:1 template pooling and scoring ({@link mhlr.evaluate.protocol.TemplatePooling},
 * {@link mhlr.evaluate.protocol.PairScorer}), with numpy's summation order where it decides the last bit
 * ({@link mhlr.core.verification.NumpyMath}).
 */
package mhlr.evaluate.protocol;
