/**
 * Test helpers of the train module: tiny shard sets written with parquet-hadoop in the exact
 * {@link mhlr.core.dataset.ShardSchema} layout with their manifest (the trainer's tests must not depend on the ingest
 * module), RecordIO folders in insightface's and ingest's layouts written with core's writer, and generated faces a
 * small network can learn to tell apart.
 */
package mhlr.train.testing;
