/**
 * Learning-rate schedules: MHLR (the Moving Haar Learning Rate of arXiv 2404.11118 / FastFace, as specified in
 * {@code docs/MHLR.md}) and the fixed-shape baselines it is compared with, behind one interface the trainer calls
 * once per optimizer step ({@link mhlr.train.schedule.LearningRateSchedule}).
 *
 * <ul>
 *   <li>{@link mhlr.train.schedule.Mhlr}: the default, O(1) EMA-Haar of FastFace as one fused second-order
 *       recurrence; {@link mhlr.train.schedule.MhlrCascaded}: the same signal computed as a cascade, kept to show
 *       (and test) that both decide alike; {@link mhlr.train.schedule.MhlrWindowed}: the original windowed moving
 *       Haar (v1) with its LR bounce.</li>
 *   <li>{@link mhlr.train.schedule.PolynomialDecay} (arcface_torch's default), {@link
 *       mhlr.train.schedule.MultiStepDecay}, {@link mhlr.train.schedule.CosineDecay}, {@link
 *       mhlr.train.schedule.ConstantRate}.</li>
 *   <li>{@link mhlr.train.schedule.Schedules} builds one from {@code train.schedule} and {@code mhlr} in the
 *       config. Replaying a recorded loss sequence through one ({@code bin/mhlr-replay}) is
 *       {@code mhlr.train.replay}'s.</li>
 * </ul>
 *
 * <p>Pure Java on purpose: no ND4J or DL4J here, so the decisions can be tested and replayed in milliseconds and the
 * trainer only has to pass the scalar loss in and the scalar rate out.
 */
package mhlr.train.schedule;
