/**
 * What the Spark jobs (ingest, evaluate, embed) share: {@link mhlr.spark.SparkJob} is a job's Spark flags in
 * spark-submit's words ({@code --master}, {@code --conf}) and its application name; {@link mhlr.spark.SparkSessions}
 * starts the session the same way for embedded local runs, a cluster named by {@code --master}, and spark-submit;
 * {@link mhlr.spark.HadoopAtomicOutput} makes an output directory on any Hadoop file system appear only when
 * complete; {@link mhlr.spark.DriverProgress} prints records done, rate and ETA on the driver;
 * {@link mhlr.spark.PosixLocalFileSystem} is Hadoop's local file system without a {@code chmod} process per file. The one local session
 * tests and benchmarks share ({@code SharedLocalSpark}) is in this module's test-jar, not in its main jar.
 */
package mhlr.spark;
