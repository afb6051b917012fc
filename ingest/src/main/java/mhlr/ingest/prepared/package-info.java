/**
 * Ingest's two passes without image bytes in Spark. Pass 1 ({@link mhlr.ingest.prepared.PrepareAndSpill}) prepares
 * every input on the executors and spills each prepared face to a per-task file in the output's staging directory
 * (so it works on HDFS and S3 as on a local disk), handing Spark only a small summary per record with the face's
 * {@link mhlr.ingest.prepared.SpillLocation}. The metadata passes (skips, duplicates, identity filters, labels, each
 * face's shard) run on the summaries; pass 2 writes each shard from its faces' spilled bytes
 * ({@link mhlr.ingest.prepared.SpillReader}), without decoding or preparing anything again. The spill folder is
 * removed before the output is committed.
 */
package mhlr.ingest.prepared;
