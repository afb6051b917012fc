/**
 * The ingest Spark job ({@link mhlr.ingest.IngestJob}): turns what users have (folders, RecordIO, loose photos
 * with landmarks, verification sets) into aligned, shuffled, verified Parquet shards with a manifest, through the
 * pipeline in {@link mhlr.ingest.Ingest}.
 */
package mhlr.ingest;
