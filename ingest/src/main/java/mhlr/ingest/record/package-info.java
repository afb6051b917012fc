/**
 * The records ingest moves through Spark: a {@link mhlr.ingest.record.FaceRecord} from source to shard, or a
 * {@link mhlr.ingest.record.SkippedRecord} for the skipped table, carried together as an
 * {@link mhlr.ingest.record.Outcome}.
 */
package mhlr.ingest.record;
