package mhlr.ingest.shards;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;

/**
 * Where a record goes: its shard and its place inside it, both from a seeded hash of its source name. The hash
 * is a uniform random key, so ordering by it is a global shuffle, and it depends on nothing but the seed and the
 * name: not on Spark's partitioning, the number of cores or the order records were read, so the same input and
 * seed always give the same shards.
 *
 * @param shard the shard index
 * @param hash the seeded hash (the order inside the shard)
 * @param source the record's source name (breaks the tie of equal hashes)
 */
public record ShardOrder(int shard, long hash, String source) implements Serializable, Comparable<ShardOrder> {
    private static final Comparator<ShardOrder> ORDER = Comparator.comparingInt(ShardOrder::shard)
            .thenComparing(ShardOrder::hash, Long::compareUnsigned)
            .thenComparing(ShardOrder::source);

    /** The place of {@code source} among {@code shards} shards under {@code seed}. */
    public static ShardOrder of(long seed, String source, int shards) {
        long hash = seededHash(seed, source);
        return new ShardOrder((int) Long.remainderUnsigned(hash, shards), hash, source);
    }

    /** The first 8 bytes of SHA-256 over the seed (8 bytes, big-endian) and the UTF-8 text. */
    public static long seededHash(long seed, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(ShardOrder other) {
        return ORDER.compare(this, other);
    }
}
