/**
 * What the Spark jobs share: {@link mhlr.spark.SparkSessions} starts the session the same way for embedded
 * local runs, a cluster named by {@code --master}, and spark-submit.
 */
package mhlr.spark;
