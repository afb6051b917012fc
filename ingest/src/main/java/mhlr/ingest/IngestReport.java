package mhlr.ingest;

import mhlr.core.dataset.Manifest;

/**
 * What a finished ingest run produced.
 *
 * @param output the committed output directory (qualified)
 * @param manifest the manifest written into it
 * @param droppedPairs pairs left out of {@code pairs.parquet} because a side was not written (evaluation only)
 */
public record IngestReport(String output, Manifest manifest, long droppedPairs) {
}
