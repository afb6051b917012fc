/**
 * The files ingest writes, with parquet-hadoop directly so names and bytes are fully under control: shards
 * ({@link mhlr.ingest.shards.ShardWriter}, one Spark partition per shard, placed and ordered by
 * {@link mhlr.ingest.shards.ShardOrder}), the skipped table ({@link mhlr.ingest.shards.SkippedTable}) and the pair
 * list ({@link mhlr.ingest.shards.PairTable}); every writer setting is fixed ({@link mhlr.ingest.shards.ParquetFiles})
 * so the same input and seed give the same bytes.
 */
package mhlr.ingest.shards;
