/**
 * The files users bring, read and written byte-exactly to their public formats (docs/FORMATS.md):
 * insightface RecordIO ({@link mhlr.core.format.RecordIoReader}, {@link mhlr.core.format.RecordIoWriter}),
 * verification {@code .bin} pickles ({@link mhlr.core.format.VerificationBin}, read by a restricted pickle
 * machine that builds nothing but bytes, booleans, lists and tuples), LFW {@code pairs.txt}
 * ({@link mhlr.core.format.LfwPairs}), the CFP protocol ({@link mhlr.core.format.CfpProtocol}), IJB-B/C meta files
 * ({@link mhlr.core.format.IjbMeta}) and 5-point landmark files ({@link mhlr.core.format.LandmarkFile}).
 *
 * <p>A broken protocol or index file is a {@link mhlr.core.cli.UsageException} naming file and line (the run
 * cannot mean anything without it); a broken record is a {@link mhlr.core.skip.BadRecordException}, counted and
 * skipped.
 */
package mhlr.core.format;
