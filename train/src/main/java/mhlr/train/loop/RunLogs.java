package mhlr.train.loop;

import mhlr.train.report.LossLog;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.ProgressLine;

/**
 * Where a run's listeners write while it trains.
 *
 * @param metrics {@code metrics.jsonl}
 * @param losses {@code losses.txt}
 * @param progress the progress line and messages on stderr
 */
public record RunLogs(MetricsLog metrics, LossLog losses, ProgressLine progress) {
}
