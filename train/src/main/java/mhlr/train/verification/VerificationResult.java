package mhlr.train.verification;

import java.util.List;
import java.util.Locale;

/**
 * One verification of one set at one step.
 *
 * @param name the set's protocol name
 * @param step the global step (steps done)
 * @param xNorm mean 2-norm of the raw embeddings (images and their flips)
 * @param accuracy mean ten-fold accuracy of the flip-summed embeddings ("Accuracy-Flip")
 * @param std population standard deviation of the fold accuracies
 * @param highest the highest accuracy of the set so far in this run
 */
public record VerificationResult(String name, long step, double xNorm, double accuracy, double std, double highest) {

    /** The three lines arcface_torch's {@code CallBackVerification} logs, with its number formats. */
    public List<String> logLines() {
        return List.of(
                String.format(Locale.ROOT, "[%s][%d]XNorm: %f", name, step, xNorm),
                String.format(Locale.ROOT, "[%s][%d]Accuracy-Flip: %1.5f+-%1.5f", name, step, accuracy, std),
                String.format(Locale.ROOT, "[%s][%d]Accuracy-Highest: %1.5f", name, step, highest));
    }
}
