/**
 * The records ingest moves through Spark: a {@link mhlr.ingest.record.FaceRecord} from source to shard, or a
 * {@link mhlr.ingest.record.SkippedRecord} for the skipped table, carried together as an
 * {@link mhlr.ingest.record.Outcome}; what Spark caches and shuffles is their compact
 * {@link mhlr.ingest.record.RecordCodec} bytes, and the passes that need no image read a
 * {@link mhlr.ingest.record.RecordSummary}.
 */
package mhlr.ingest.record;
