/**
 * insightface's verification arithmetic, shared by the trainer's verification callback and the evaluate module's
 * reports: the 10-fold rule ({@link mhlr.core.verification.TenFold}) and numpy's float64 reductions in numpy's
 * summation order ({@link mhlr.core.verification.NumpyMath}), so figures agree with insightface to the last bit.
 */
package mhlr.core.verification;
