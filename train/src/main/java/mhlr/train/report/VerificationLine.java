package mhlr.train.report;

/**
 * A verification event: insightface's ten-fold accuracy of one set, as its callback logs it.
 *
 * @param step optimizer steps done
 * @param set the verification set's name
 * @param xNorm the mean embedding norm
 * @param accuracyFlip the ten-fold accuracy (embeddings with their flips)
 * @param accuracyFlipStd its standard deviation over the folds
 * @param accuracyHighest the best accuracy of this set so far
 */
public record VerificationLine(long step, String set, double xNorm, double accuracyFlip, double accuracyFlipStd,
                               double accuracyHighest) implements MetricsLine {
}
