package mhlr.core.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import mhlr.core.cli.UsageException;

/**
 * A RecordIO {@code .idx}: one line {@code key<TAB>offset} per record (MXNet's {@code MXIndexedRecordIO}), kept as
 * two primitive arrays in file order, since Glint360K's index has 17 million lines. Keys need not be sorted or
 * dense (insightface's builders write record 0 last).
 */
public final class RecordIoIndex {
    private final long[] keys;
    private final long[] offsets;
    private final Lookup lookup;

    public RecordIoIndex(long[] keys, long[] offsets) {
        if (keys.length != offsets.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + offsets.length + " offsets");
        }
        this.keys = keys;
        this.offsets = offsets;
        this.lookup = new Lookup(keys);
    }

    /**
     * Reads an index file.
     *
     * @throws UsageException naming file and line for a line that is not two whole numbers
     */
    public static RecordIoIndex read(Path file) throws IOException {
        long[] keys = new long[1024];
        long[] offsets = new long[1024];
        int count = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (count == keys.length) {
                    keys = Arrays.copyOf(keys, count * 2);
                    offsets = Arrays.copyOf(offsets, count * 2);
                }
                long[] pair = parseLine(line, file, lineNumber);
                keys[count] = pair[0];
                offsets[count] = pair[1];
                count++;
            }
        }
        return new RecordIoIndex(Arrays.copyOf(keys, count), Arrays.copyOf(offsets, count));
    }

    /** Parses one {@code key<TAB>offset} line (any whitespace between). */
    public static long[] parseLine(String line, Path file, int lineNumber) {
        String text = line.strip();
        int split = 0;
        while (split < text.length() && !Character.isWhitespace(text.charAt(split))) {
            split++;
        }
        try {
            long key = Long.parseLong(text.substring(0, split));
            long offset = Long.parseLong(text.substring(split).strip());
            if (offset < 0) {
                throw new NumberFormatException("negative offset");
            }
            return new long[] {key, offset};
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new UsageException(file + ":" + lineNumber + ": expected 'key<TAB>byte_offset', got '"
                    + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'");
        }
    }

    /** Writes the index as MXNet does: {@code key\toffset\n} per record. */
    public void write(Writer writer) throws IOException {
        for (int i = 0; i < keys.length; i++) {
            writer.write(keys[i] + "\t" + offsets[i] + "\n");
        }
    }

    public int size() {
        return keys.length;
    }

    /** The key on line {@code i} (in file order, blank lines skipped). */
    public long key(int i) {
        return keys[i];
    }

    /** The offset on line {@code i}. */
    public long offset(int i) {
        return offsets[i];
    }

    /** Whether a record has this key. */
    public boolean contains(long key) {
        return lookup.position(key) >= 0;
    }

    /** The offset of the record with this key (the last line wins, as in MXNet's dict), or -1 when absent. */
    public long offsetOf(long key) {
        int position = lookup.position(key);
        return position < 0 ? -1 : offsets[position];
    }

    /** The entries whose keys pass the filter, sorted by offset (the order that reads the file front to back). */
    public RecordIoIndex select(LongPredicate keep) {
        int[] chosen = new int[keys.length];
        int count = 0;
        boolean sorted = true;
        for (int i = 0; i < keys.length; i++) {
            if (keep.test(keys[i]) && lookup.position(keys[i]) == i) {
                sorted &= count == 0 || offsets[chosen[count - 1]] <= offsets[i];
                chosen[count++] = i;
            }
        }
        int[] order = sorted ? Arrays.copyOf(chosen, count) : IntStream.of(chosen).limit(count).boxed()
                .sorted(Comparator.comparingLong(i -> offsets[i])).mapToInt(Integer::intValue).toArray();
        long[] selectedKeys = new long[count];
        long[] selectedOffsets = new long[count];
        for (int i = 0; i < count; i++) {
            selectedKeys[i] = keys[order[i]];
            selectedOffsets[i] = offsets[order[i]];
        }
        return new RecordIoIndex(selectedKeys, selectedOffsets);
    }

    /** Line positions by key: a dense array when keys are small non-negative numbers, a map otherwise. */
    private static final class Lookup {
        private final int[] dense;
        private final Map<Long, Integer> sparse;

        Lookup(long[] keys) {
            long max = -1;
            boolean small = true;
            for (long key : keys) {
                if (key < 0) {
                    small = false;
                }
                max = Math.max(max, key);
            }
            if (small && max < 4L * keys.length + 1024) {
                dense = new int[(int) max + 1];
                Arrays.fill(dense, -1);
                for (int i = 0; i < keys.length; i++) {
                    dense[(int) keys[i]] = i;
                }
                sparse = null;
            } else {
                dense = null;
                sparse = new HashMap<>();
                for (int i = 0; i < keys.length; i++) {
                    sparse.put(keys[i], i);
                }
            }
        }

        int position(long key) {
            if (dense != null) {
                return key >= 0 && key < dense.length ? dense[(int) key] : -1;
            }
            Integer position = sparse.get(key);
            return position == null ? -1 : position;
        }
    }
}
