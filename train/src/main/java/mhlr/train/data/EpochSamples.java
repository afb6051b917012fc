package mhlr.train.data;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The images of one epoch in their shuffled order: rows read group by group in the {@link EpochOrder}, passed
 * through a {@link ShuffleBuffer} seeded by {@code (seed, epoch)}. Every image of the set comes out exactly once.
 *
 * <p>Opened at output position {@code start > 0} (a resume), it first replays the buffer's decisions for the
 * {@code start} samples already taken using stand-ins (no I/O, a few nanoseconds per image), then reads back only
 * the row groups holding the rows still waiting in the buffer, and continues reading where the replay stopped; the
 * samples that follow are exactly those an uninterrupted stream yields from {@code start} on.
 */
final class EpochSamples implements AutoCloseable {
    private final EpochOrder order;
    private final RowGroupReader reader;
    private final ShuffleBuffer<EncodedSample> buffer;
    private long nextRead;
    private long position;
    private int loadedGroup = -1;
    private List<EncodedSample> loadedRows = List.of();

    private EpochSamples(EpochOrder order, RowGroupReader reader, ShuffleBuffer<EncodedSample> buffer) {
        this.order = order;
        this.reader = reader;
        this.buffer = buffer;
    }

    /**
     * Opens epoch {@code epoch} at output position {@code start}.
     *
     * @param bufferCapacity images the shuffle buffer holds
     */
    static EpochSamples open(TrainingData shards, long seed, int epoch, int bufferCapacity, long start) {
        EpochOrder order = EpochOrder.of(shards, seed, epoch);
        if (start < 0 || start > order.images()) {
            throw new IllegalArgumentException("start " + start + " outside 0.." + order.images());
        }
        ShuffleBuffer<EncodedSample> buffer = new ShuffleBuffer<>(bufferCapacity,
                Seeds.mix(seed, Seeds.SHUFFLE_BUFFER, epoch));
        EpochSamples samples = new EpochSamples(order, shards.openReader(), buffer);
        samples.skip(start);
        return samples;
    }

    /** The output position of the sample {@link #next()} returns. */
    long position() {
        return position;
    }

    /** Images in the epoch. */
    long images() {
        return order.images();
    }

    /** The next image in shuffled order, or {@code null} after the last. */
    EncodedSample next() {
        while (nextRead < order.images()) {
            EncodedSample out = buffer.offer(read(nextRead++));
            if (out != null) {
                position++;
                return out;
            }
        }
        EncodedSample out = buffer.poll();
        if (out != null) {
            position++;
        }
        return out;
    }

    private void skip(long start) {
        while (position < start) {
            if (nextRead < order.images()) {
                if (buffer.offer(EncodedSample.placeholder(nextRead++)) != null) {
                    position++;
                }
            } else {
                buffer.poll();
                position++;
            }
        }
        fillPlaceholders();
    }

    /** Reads the rows the stand-ins in the buffer stand for, one pass over the groups involved, in read order. */
    private void fillPlaceholders() {
        TreeSet<Integer> groups = new TreeSet<>();
        Set<Long> waiting = new HashSet<>();
        buffer.forEach(sample -> {
            groups.add(order.groupAt(sample.readPosition()));
            waiting.add(sample.readPosition());
        });
        Map<Long, EncodedSample> rows = new HashMap<>();
        for (int group : groups) {
            for (EncodedSample sample : reader.read(order.groups().get(group), order.firstReadPosition(group))) {
                if (waiting.contains(sample.readPosition())) {
                    rows.put(sample.readPosition(), sample);
                }
            }
        }
        buffer.replaceAll(placeholder -> rows.get(placeholder.readPosition()));
    }

    private EncodedSample read(long readPosition) {
        int group = order.groupAt(readPosition);
        if (group != loadedGroup) {
            loadedRows = reader.read(order.groups().get(group), order.firstReadPosition(group));
            loadedGroup = group;
        }
        return loadedRows.get(Math.toIntExact(readPosition - order.firstReadPosition(group)));
    }

    @Override
    public void close() {
        reader.close();
    }
}
