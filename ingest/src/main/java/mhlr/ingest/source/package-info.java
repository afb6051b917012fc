/**
 * One class per {@code --format}: where the records of each input format are, how they are listed on the driver
 * and read on the executors ({@link mhlr.ingest.source.Source}), and for evaluation formats the protocol's pairs
 * ({@link mhlr.ingest.source.EvaluationSource}).
 */
package mhlr.ingest.source;
