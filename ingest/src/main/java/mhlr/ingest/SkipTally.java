package mhlr.ingest;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import mhlr.core.cli.UsageException;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.SkippedRecord;

/**
 * Skipped records counted by reason, the limit on the bad ones (duplicates and filtered records are choices, not
 * faults of the input) and the one-line summaries printed on stderr.
 */
public final class SkipTally {
    private final long read;
    private final Map<SkipReason, Long> byReason;

    public SkipTally(long read, Map<SkipReason, Long> byReason) {
        this.read = read;
        Map<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        byReason.forEach((reason, count) -> {
            if (count != 0) {
                copy.put(reason, count);
            }
        });
        this.byReason = Collections.unmodifiableMap(copy);
    }

    /** From codes as Spark counted them ({@code ""} = not skipped). */
    public static SkipTally fromCodes(Map<String, Long> counted) {
        long read = 0;
        Map<SkipReason, Long> byReason = new EnumMap<>(SkipReason.class);
        for (Map.Entry<String, Long> entry : counted.entrySet()) {
            read += entry.getValue();
            if (!entry.getKey().isEmpty()) {
                byReason.merge(SkipReason.valueOf(entry.getKey()), entry.getValue(), Long::sum);
            }
        }
        return new SkipTally(read, byReason);
    }

    /** The Spark-side code of an outcome's reason ({@code ""} for none). */
    public static String code(SkippedRecord skipped) {
        return skipped == null ? "" : skipped.reason().name();
    }

    public long read() {
        return read;
    }

    public long skipped() {
        return byReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(SkipReason reason) {
        return byReason.getOrDefault(reason, 0L);
    }

    /** Skipped records that are faults of the input. */
    public long bad() {
        return skipped() - count(SkipReason.DUPLICATE) - count(SkipReason.FILTERED);
    }

    /** This tally plus another's skips over the same records (read stays). */
    public SkipTally plus(SkipTally more) {
        Map<SkipReason, Long> merged = new EnumMap<>(SkipReason.class);
        merged.putAll(byReason);
        more.byReason.forEach((reason, count) -> merged.merge(reason, count, Long::sum));
        return new SkipTally(read, merged);
    }

    /**
     * Fails when the bad share is above {@code limit}.
     *
     * @param examples gives a few bad records for the message (asked only when the limit is exceeded)
     * @throws UsageException naming the counts, the limit and the first examples
     */
    public void checkLimit(double limit, Supplier<List<SkippedRecord>> examples) {
        if (read == 0 || (double) bad() / read <= limit) {
            return;
        }
        List<SkippedRecord> first = examples.get();
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "%,d of %,d records (%.2f %%) could not be used, more than ingest.max-skipped-fraction = %.2f %% (%s)",
                bad(), read, 100.0 * bad() / read, 100 * limit, reasons(true)));
        if (!first.isEmpty()) {
            message.append("; first: ").append(first.stream().map(SkippedRecord::detail)
                    .collect(Collectors.joining("; ")));
        }
        message.append("; fix the input or raise the limit with --set ingest.max-skipped-fraction=...");
        throw new UsageException(message.toString());
    }

    /** e.g. {@code corrupt_image 3, empty_file 1}, in reason order. */
    public String reasons(boolean badOnly) {
        return byReason.entrySet().stream()
                .filter(e -> !badOnly || (e.getKey() != SkipReason.DUPLICATE && e.getKey() != SkipReason.FILTERED))
                .map(e -> e.getKey().code() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
