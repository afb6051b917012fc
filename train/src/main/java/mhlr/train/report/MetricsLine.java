package mhlr.train.report;

/**
 * One line of {@code metrics.jsonl}: a {@link StepLine} every {@code train.log-every-steps} steps, or an event
 * ({@link DecayLine}, {@link VerificationLine}, {@link DivergedLine}). {@link MetricsLog} writes and reads them; the
 * field names of the file (which the notebooks' SQL reads) are its own.
 */
public sealed interface MetricsLine permits StepLine, DecayLine, VerificationLine, DivergedLine {
    /** Optimizer steps done when the line was written (counted from 1, as arcface_torch's {@code global_step}). */
    long step();
}
