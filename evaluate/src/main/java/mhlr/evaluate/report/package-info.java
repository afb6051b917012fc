/**
 * What an evaluation leaves behind: {@code report.json} in the exact shape, a Markdown table, an ROC
 * curve PNG on a log FAR axis, and the per-pair scores as Parquet.
 */
package mhlr.evaluate.report;
