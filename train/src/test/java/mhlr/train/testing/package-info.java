/**
 * Test helpers of the train module: tiny shard sets written with parquet-hadoop in the exact
 * {@link mhlr.core.shard.ShardSchema} layout with their manifest (the trainer's tests must not depend on the ingest
 * module), and generated faces a small network can learn to tell apart.
 */
package mhlr.train.testing;
