/**
 * Test-only: the ingest and evaluate jobs on a real multi-JVM Spark standalone cluster. {@link
 * mhlr.cluster.StandaloneCluster} starts a master and two workers on 127.0.0.1 from a Spark home assembled out of
 * Maven's Spark jars ({@link mhlr.cluster.SparkHome}); the tests run the checkout's {@code bin/} scripts against it
 * and against local[*] ({@link mhlr.cluster.BinScripts}) and compare what they write. Every process started is
 * recorded in a {@link mhlr.cluster.ProcessLedger} and stopped by its PID, also when a test fails; {@link
 * mhlr.cluster.ClusterExtension} fails a test class if any of them survives it.
 */
package mhlr.cluster;
