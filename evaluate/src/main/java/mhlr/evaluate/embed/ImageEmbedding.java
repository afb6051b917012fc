package mhlr.evaluate.embed;

import java.io.Serializable;

/**
 * One shard image after the model, as {@code bin/embed} writes it.
 *
 * @param source the record's source (path or record key)
 * @param identity the person of a training shard row, else null
 * @param key the image's key in its protocol for an evaluation shard row, else null
 * @param label the dense label of a training shard row, else null
 * @param features the embedding, then the horizontal flip's ({@code [2D]})
 */
public record ImageEmbedding(String source, String identity, String key, Integer label, float[] features)
        implements Serializable {
}
