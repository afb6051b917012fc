package mhlr.train.verification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.core.dataset.DatasetKind;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.core.verification.TenFold;
import mhlr.train.data.ShardSetFiles;

/**
 * One ten-fold protocol of an evaluation shard set (ingest's output for a {@code .bin}, LFW or CFP), held in memory
 * as encoded images (a few kilobytes each; decoded anew at every verification) and its pairs in
 * {@link ShardSchema#PAIR_INDEX} order, as the {@code .bin} lists them.
 *
 * @param name the protocol's name, e.g. {@code lfw}, used in the log lines
 * @param images the encoded images the pairs use, each once
 * @param sources where each image came from, for messages
 * @param left index into {@code images} of each pair's first image
 * @param right index of each pair's second image
 * @param same whether each pair shows one identity
 */
public record VerificationSet(String name, List<byte[]> images, List<String> sources, int[] left, int[] right,
                              boolean[] same) {

    public int pairs() {
        return same.length;
    }

    /**
     * The ten-fold protocols of the evaluation set in {@code directory}, after verifying its files.
     *
     * @throws UsageException when it is no evaluation set, has no ten-fold protocol, or a pair names a missing image
     */
    public static List<VerificationSet> open(String directory, ShardSet.Check check) {
        ShardSet set = ShardSet.open(directory);
        String manifestPath = set.resolve(ShardSchema.MANIFEST_FILE).toString();
        if (set.manifest().kind() != DatasetKind.EVAL) {
            throw new UsageException("train.verification.sets: " + manifestPath + " describes a "
                    + set.manifest().kind().jsonName() + " set, not an evaluation set");
        }
        List<ProtocolEntry> protocols = set.manifest().protocols().stream()
                .filter(protocol -> protocol.kind().equals(ProtocolEntry.TENFOLD)).toList();
        if (protocols.isEmpty()) {
            throw new UsageException("train.verification.sets: " + manifestPath
                    + " carries no ten-fold protocol (IJB sets are for bin/evaluate)");
        }
        if (set.manifest().file(ShardSchema.PAIRS_FILE).isEmpty()) {
            throw new UsageException(manifestPath + " does not list " + ShardSchema.PAIRS_FILE);
        }
        set.verify(check);

        Map<String, List<Object[]>> pairsByProtocol = new LinkedHashMap<>();
        protocols.forEach(protocol -> pairsByProtocol.put(protocol.name(), new ArrayList<>()));
        ShardSetFiles.forEachRow(set, ShardSchema.PAIRS_FILE, List.of(ShardSchema.PROTOCOL, ShardSchema.PAIR_INDEX,
                ShardSchema.LEFT, ShardSchema.RIGHT, ShardSchema.SAME), row -> {
                    List<Object[]> pairs = pairsByProtocol.get(row.getString(ShardSchema.PROTOCOL, 0));
                    if (pairs != null) {
                        pairs.add(new Object[] {row.getLong(ShardSchema.PAIR_INDEX, 0),
                            row.getString(ShardSchema.LEFT, 0), row.getString(ShardSchema.RIGHT, 0),
                            row.getBoolean(ShardSchema.SAME, 0)});
                    }
                });

        Map<String, byte[]> images = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        for (ShardFile shard : set.manifest().shards()) {
            ShardSetFiles.forEachRow(set, shard.file(), List.of(ShardSchema.KEY, ShardSchema.IMAGE), row -> {
                String key = row.getString(ShardSchema.KEY, 0);
                images.put(key, row.getGroup(ShardSchema.IMAGE, 0).getBinary(ShardSchema.BYTES, 0).getBytes());
                sources.put(key, set.resolve(shard.file()) + " key " + key);
            });
        }

        List<VerificationSet> result = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> protocol : pairsByProtocol.entrySet()) {
            List<Object[]> pairs = protocol.getValue();
            pairs.sort(Comparator.comparingLong(pair -> (Long) pair[0]));
            Map<String, Integer> index = new LinkedHashMap<>();
            int[] left = new int[pairs.size()];
            int[] right = new int[pairs.size()];
            boolean[] same = new boolean[pairs.size()];
            for (int i = 0; i < pairs.size(); i++) {
                Object[] pair = pairs.get(i);
                left[i] = indexOf((String) pair[1], index, images, protocol.getKey(), directory);
                right[i] = indexOf((String) pair[2], index, images, protocol.getKey(), directory);
                same[i] = (Boolean) pair[3];
            }
            if (pairs.size() < TenFold.FOLDS) {
                throw new UsageException(directory + ": protocol " + protocol.getKey() + " has " + pairs.size()
                        + " pairs, fewer than " + TenFold.FOLDS + " folds");
            }
            List<byte[]> encoded = new ArrayList<>();
            List<String> names = new ArrayList<>();
            index.keySet().forEach(key -> {
                encoded.add(images.get(key));
                names.add(sources.get(key));
            });
            result.add(new VerificationSet(protocol.getKey(), List.copyOf(encoded), List.copyOf(names), left, right,
                    same));
        }
        return result;
    }

    private static int indexOf(String key, Map<String, Integer> index, Map<String, byte[]> images, String protocol,
                               String directory) {
        if (!images.containsKey(key)) {
            throw new UsageException(directory + ": a pair of protocol " + protocol + " names image '" + key
                    + "', which no shard holds");
        }
        return index.computeIfAbsent(key, k -> index.size());
    }
}
