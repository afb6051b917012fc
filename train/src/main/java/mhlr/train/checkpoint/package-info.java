/**
 * Checkpoints: everything a run needs to continue as if it had never stopped. A checkpoint is a directory
 * {@code checkpoints/step-000000001000/} holding {@code parameters.bin} and {@code optimizer.bin} (ND4J arrays by
 * name, CRC-checked), {@code state.json} ({@link mhlr.train.checkpoint.TrainingState}: step, data position, schedule
 * state, seed, verification bests, the open logging interval) and {@code config.conf} (the resolved config).
 *
 * <p>{@link mhlr.train.checkpoint.CheckpointStore} writes each into a hidden temporary directory, syncs it to disk
 * and renames it into place, so a directory named {@code step-*} is always complete; a run killed mid-write leaves
 * only a hidden {@code .step-*.partial}, which is never read and is removed by the next run. The newest {@code keep}
 * are kept. The data pipeline needs no random state of its own: its shuffles and flips derive from the seed and the
 * position, which {@code state.json} holds; the model's Partial FC and dropout draws derive from the seed and its
 * step count, which the optimizer state holds.
 */
package mhlr.train.checkpoint;
