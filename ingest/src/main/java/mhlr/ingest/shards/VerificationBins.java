package mhlr.ingest.shards;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mhlr.core.format.VerificationBin;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSet;
import mhlr.ingest.prepared.SpillReader;
import mhlr.ingest.record.RecordCodec;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Writes {@code --output-format bin}: per ten-fold protocol, insightface's {@code <protocol>.bin}, the pickle of
 * {@code (bins, issame_list)} that arcface_torch's {@code load_bin} reads ({@code pickle.load(f, encoding="bytes")}):
 * the two encoded faces of every kept pair in pair order, and its same-person flag. The faces of the pairs are
 * gathered on the driver from where ingest's first pass spilled them (a verification set is thousands of images,
 * and the pickle is one object anyway).
 */
public final class VerificationBins {
    /** The file name suffix arcface_torch's verification callback looks for. */
    public static final String SUFFIX = ".bin";

    private VerificationBins() {
    }

    /**
     * Writes one file per protocol into the staging directory and describes each (rows = pairs).
     *
     * @param summaries every record's summary ({@link RecordCodec#summaryBytes})
     * @param spillFolder where the first pass spilled the prepared faces
     * @param pairs the pairs kept, by protocol, in protocol order
     */
    public static List<ShardFile> write(JavaRDD<byte[]> summaries, Path spillFolder, Configuration hadoop,
            Map<String, List<PairRow>> pairs, HadoopAtomicOutput target) throws IOException {
        Set<String> needed = new HashSet<>();
        pairs.values().forEach(list -> list.forEach(pair -> {
            needed.add(pair.left());
            needed.add(pair.right());
        }));
        Map<String, byte[]> spilledFaces = summaries.filter(RecordCodec::isFaceSummary)
                .mapToPair(summary -> new Tuple2<>(RecordCodec.decodeSummary(summary).key(), summary))
                .filter(face -> needed.contains(face._1()))
                .collectAsMap();
        Map<String, byte[]> images = new HashMap<>();
        try (SpillReader spilled = new SpillReader(spillFolder, hadoop)) {
            for (Map.Entry<String, byte[]> face : spilledFaces.entrySet()) {
                images.put(face.getKey(), RecordCodec.decodeFace(spilled.read(RecordCodec.spillLocation(
                        face.getValue()))).image());
            }
        }
        List<ShardFile> files = new ArrayList<>();
        for (Map.Entry<String, List<PairRow>> protocol : pairs.entrySet()) {
            List<byte[]> faces = new ArrayList<>();
            boolean[] same = new boolean[protocol.getValue().size()];
            for (int i = 0; i < same.length; i++) {
                PairRow pair = protocol.getValue().get(i);
                faces.add(images.get(pair.left()));
                faces.add(images.get(pair.right()));
                same[i] = pair.same();
            }
            String name = protocol.getKey() + SUFFIX;
            try (OutputStream out = target.fileSystem().create(target.staged(name), true)) {
                VerificationBin.of(faces, same).write(out, VerificationBin.DEFAULT_PROTOCOL);
            }
            files.add(ShardSet.describe(target.fileSystem(), target.staging(), name, same.length));
        }
        return files;
    }
}
