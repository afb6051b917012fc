package mhlr.train.loop;

import mhlr.train.report.VerificationLine;
import mhlr.train.verification.Embedder;
import mhlr.train.verification.Verification;
import mhlr.train.verification.VerificationResult;

/**
 * Every {@code train.verification.every-steps} steps: insightface's ten-fold verification of the model so far on
 * each configured set, logged as arcface_torch's callback logs it and as a {@link VerificationLine}.
 */
public final class LiveVerification implements TrainingListener {
    private final Verification verification;
    private final long everySteps;
    private final Embedder embedder;
    private final RunLogs logs;

    /** {@code everySteps} 0: never. */
    public LiveVerification(Verification verification, long everySteps, Embedder embedder, RunLogs logs) {
        this.verification = verification;
        this.everySteps = everySteps;
        this.embedder = embedder;
        this.logs = logs;
    }

    @Override
    public void onStep(StepEvent event) {
        if (everySteps <= 0 || event.step() % everySteps != 0 || verification.isEmpty()) {
            return;
        }
        for (VerificationResult outcome : verification.run(embedder, event.step())) {
            outcome.logLines().forEach(logs.progress()::message);
            logs.metrics().write(new VerificationLine(outcome.step(), outcome.name(), outcome.xNorm(),
                    outcome.accuracy(), outcome.std(), outcome.highest()));
        }
    }
}
