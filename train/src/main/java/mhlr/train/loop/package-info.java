/**
 * The training loop and its listeners. {@link mhlr.train.loop.TrainingLoop} only steps; each side effect is a
 * {@link mhlr.train.loop.TrainingListener} (as DJL's trainer and listeners), called after every step in the order
 * the trainer lists them: {@link mhlr.train.loop.DivergenceStop}, {@link mhlr.train.loop.LossRecorder}
 * ({@code losses.txt}), {@link mhlr.train.loop.ScheduleObserver} (the schedule's decisions),
 * {@link mhlr.train.loop.LossInterval} (the logging interval's means), {@link mhlr.train.loop.MetricsLines} and
 * {@link mhlr.train.loop.ProgressUpdates} (its step line and progress line), {@link mhlr.train.loop.DecayEvents},
 * {@link mhlr.train.loop.LiveVerification}, {@link mhlr.train.loop.Checkpoints}, and at the end
 * {@link mhlr.train.loop.CurvePlots}.
 *
 * <p>Adding a side effect: a listener class here, one line in the trainer's list, and a test of what it writes.
 */
package mhlr.train.loop;
