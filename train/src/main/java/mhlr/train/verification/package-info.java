/**
 * Verification during training, as insightface arcface_torch's {@code CallBackVerification}: every N steps the
 * backbone embeds each configured evaluation set (image and its horizontal flip), and the ten-fold accuracy of
 * {@code eval/verification.py} is logged as {@code [lfw][2000]XNorm: ...}, {@code Accuracy-Flip: ...+-...} and
 * {@code Accuracy-Highest: ...}.
 *
 * <p>The ten-fold rule is core's {@link mhlr.core.verification.TenFold}, the same the evaluate module's reports use,
 * so the accuracy logged during training is the one a report gives for the same distances. Pure Java: the network
 * is reached through {@link mhlr.train.verification.Embedder}.
 */
package mhlr.train.verification;
