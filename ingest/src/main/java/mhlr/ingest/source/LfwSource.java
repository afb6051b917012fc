package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.FacePair;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.LfwPairs;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.shards.PairRow;
import org.apache.hadoop.fs.Path;

/**
 * {@code --format lfw}: LFW's folder per person plus its {@code pairs.txt} (View 2: 10 folds; default
 * {@code INPUT/pairs.txt}, or {@code ingest.pairs-file}). The records are the images the pairs name, keyed
 * {@code Name/Name_0001.jpg}; one that is not there is skipped as {@link SkipReason#MISSING_PAIR_IMAGE} and the
 * pairs naming it are left out. With {@code ingest.landmark-file} (e.g. {@code lfw_landmark.txt}) the originals
 * are aligned with their 5 points, and an image without a landmark line is skipped; without it the images are
 * taken as face crops and resized. Protocol name: {@code ingest.protocol} or {@code lfw}.
 */
public final class LfwSource implements EvaluationSource {
    private List<FacePair> pairs;
    private String protocol;

    @Override
    public SourceRecords read(SourceContext context) {
        Path root = context.inputDirectory();
        Path pairsFile = context.requireFile(context.resolve(context.settings().pairsFile()),
                "the LFW pairs file (ingest.pairs-file)");
        try (DriverCopy local = DriverFiles.local(context.fileSystem(), pairsFile)) {
            pairs = LfwPairs.read(local.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pairsFile, e);
        }
        protocol = context.settings().protocolSetting().orElse("lfw");
        Set<String> keys = new LinkedHashSet<>();
        for (FacePair pair : pairs) {
            keys.add(pair.left());
            keys.add(pair.right());
        }
        Optional<Path> landmarkPath = context.settings().landmarkFileSetting().map(context::resolve);
        LandmarkFile landmarks = landmarkPath.map(file -> LandmarkLines.read(context, file, "ingest.landmark-file"))
                .orElse(null);
        List<Outcome> records = new ArrayList<>(keys.size());
        for (String key : keys) {
            if (landmarks == null) {
                records.add(Outcome.face(FaceRecord.evaluation(key, key, null, null)));
                continue;
            }
            Optional<FaceLandmarks> points = landmarks.get(key);
            records.add(points.isPresent()
                    ? Outcome.face(FaceRecord.evaluation(key, key, null, points.get().points()))
                    : Outcome.skipped(key, SkipReason.BAD_LANDMARK_LINE, key + ": no usable line in "
                            + landmarkPath.get().getName()));
        }
        int partitions = context.partitions(records.size(), records.size());
        return new SourceRecords(context.spark().parallelize(records, partitions)
                .map(new ConfinedFileReader(root.toString(), SkipReason.MISSING_PAIR_IMAGE, "named by " + pairsFile.getName(),
                        context.hadoopForExecutors())), records.size());
    }

    @Override
    public List<Protocol> protocols(SourceContext context) {
        return List.of(Protocol.tenfold(protocol));
    }

    @Override
    public void pairs(SourceContext context, PairSink sink) throws IOException {
        for (int i = 0; i < pairs.size(); i++) {
            FacePair pair = pairs.get(i);
            sink.accept(new PairRow(protocol, i, pair.left(), pair.right(), pair.same(), pair.fold()));
        }
    }
}
