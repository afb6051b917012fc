/**
 * Verification during training, as insightface arcface_torch's {@code CallBackVerification}: every N steps the
 * backbone embeds each configured evaluation set (image and its horizontal flip), and the ten-fold accuracy of
 * {@code eval/verification.py} is logged as {@code [lfw][2000]XNorm: ...}, {@code Accuracy-Flip: ...+-...} and
 * {@code Accuracy-Highest: ...}.
 *
 * <p>The trainer must not depend on the evaluate module, so this package holds its own small, insightface-exact
 * ten-fold accuracy ({@link mhlr.train.verification.TenFoldAccuracy}); the evaluate module's protocol code is the
 * reference for final reports. Pure Java: the network is reached through {@link mhlr.train.verification.Embedder}.
 */
package mhlr.train.verification;
