/**
 * Ingest's insightface RecordIO output ({@code --output-format recordio|both}): one record per face, grouped by
 * class in label order, keys 0..N-1, as insightface's own builders write them. The faces are range-partitioned by
 * label ({@link mhlr.ingest.recordio.RecordIoPlan}), each Spark task writes the part of its label range
 * ({@link mhlr.ingest.recordio.WriteRecordIoParts}), and the driver joins the parts into one {@code train.rec} and
 * {@code train.idx} and writes {@code property} ({@link mhlr.ingest.recordio.RecordIoAssembly}). The bytes depend on
 * nothing but the faces and their labels, not on the number of parts.
 */
package mhlr.ingest.recordio;
