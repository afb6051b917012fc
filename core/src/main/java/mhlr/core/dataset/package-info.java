/**
 * The shard contract between ingest and the stages that read its output: the Parquet columns
 * and folder layout ({@link mhlr.core.dataset.ShardSchema}) and the {@code manifest.json} written last in the side
 * folder ({@link mhlr.core.dataset.Manifest}), which readers check before they trust a single row.
 */
package mhlr.core.dataset;
