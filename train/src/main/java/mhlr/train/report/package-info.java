/**
 * What a training run tells while it runs and leaves behind: {@link mhlr.train.report.MetricsLog}
 * ({@code metrics.jsonl}: a {@link mhlr.train.report.StepLine} per logged step, and event lines for decays,
 * verifications and divergence, all {@link mhlr.train.report.MetricsLine}s written and read by that one class),
 * {@link mhlr.train.report.LossLog} ({@code losses.txt}: every step's raw loss, the input of {@code bin/mhlr-replay}),
 * {@link mhlr.train.report.ProgressLine} (a progress line with ETA on stderr) and
 * {@link mhlr.train.report.TrainingCurves} (loss and learning-rate PNGs with the decays marked).
 *
 * <p>Both logs are cut back to a checkpoint's step when a run resumes, so a resumed run's files read as an
 * uninterrupted run's.
 */
package mhlr.train.report;
