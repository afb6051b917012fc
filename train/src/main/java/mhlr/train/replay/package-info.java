/**
 * {@code bin/mhlr-replay}: {@link mhlr.train.replay.MhlrReplay} feeds a recorded loss sequence
 * ({@link mhlr.train.replay.LossFile}: a run's {@code losses.txt} or {@code metrics.jsonl}, or a CSV such as
 * FastFace's log) through the configured learning-rate schedule and prints where the rate changes, so a decay
 * decision can be checked, or a setting tried, without training; {@link mhlr.train.replay.ReplayPlot} draws the loss,
 * the signal and the rate it saw. The schedules themselves are {@code mhlr.train.schedule}'s.
 */
package mhlr.train.replay;
