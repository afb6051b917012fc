package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.shards.PairRow;
import org.apache.hadoop.fs.Path;

/**
 * {@code --format ijb}: IJB-B or IJB-C as insightface ships it, {@code loose_crop/} and {@code meta/} under
 * {@code --input}, read with core's {@link IjbMeta} ({@code ingest.protocol} picks {@code ijbb} or {@code ijbc}
 * when {@code meta/} holds both). Each face line is a record keyed by its image name, with its template id,
 * media id and detector score (1 when the landmark file has no score column), aligned with its 5 points; a face without a usable landmark line is skipped as
 * {@link SkipReason#BAD_LANDMARK_LINE}, a missing crop as {@link SkipReason#MISSING_PAIR_IMAGE}. The template pairs
 * (15.66 million for IJB-C) go to {@code pairs.parquet} with template ids as sides and no folds; a pair whose
 * template has no written face is left out. The 1:N lists ({@link IjbIdentificationMeta}), when {@code meta/} has
 * them, go to {@code identification.parquet} line for line.
 */
public final class IjbSource implements EvaluationSource {
    private IjbMeta meta;
    private Optional<IjbIdentificationMeta> identification = Optional.empty();

    @Override
    public SourceRecords read(SourceContext context) {
        Path root = context.inputDirectory();
        try (DriverCopy local = DriverFiles.localRoot(context.fileSystem(), root, IjbMeta.META)) {
            meta = IjbMeta.read(local.path(), context.settings().protocolSetting());
            identification = IjbIdentificationMeta.read(local.path().resolve(IjbMeta.META), meta.name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the IJB meta files under " + root, e);
        }
        IjbFaces faces = meta.faces();
        String landmarkFile = meta.name() + IjbMeta.LANDMARKS_SUFFIX;
        List<Outcome> records = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            String name = faces.image(i);
            String source = IjbMeta.IMAGES + "/" + name;
            Optional<FaceLandmarks> landmarks = meta.landmarks().get(name);
            if (landmarks.isEmpty()) {
                records.add(Outcome.skipped(source, SkipReason.BAD_LANDMARK_LINE, source + ": no usable line in "
                        + landmarkFile));
                continue;
            }
            FaceRecord face = FaceRecord.evaluation(source, name, null, landmarks.get().points());
            float score = landmarks.get().hasScore() ? landmarks.get().score() : 1f;
            records.add(Outcome.face(face.withTemplate(faces.template(i), faces.media(i), score)));
        }
        int partitions = context.partitions(records.size(), records.size());
        return new SourceRecords(context.spark().parallelize(records, partitions)
                .map(new ConfinedFileReader(root.toString(), SkipReason.MISSING_PAIR_IMAGE, "named by " + meta.name()
                        + IjbMeta.FACES_SUFFIX, context.hadoopForExecutors())), records.size());
    }

    @Override
    public Optional<Identification> identification() {
        return identification.map(lists -> new Identification(meta.name(), lists));
    }

    @Override
    public List<Protocol> protocols(SourceContext context) {
        return List.of(Protocol.ijb(meta.name()));
    }

    @Override
    public void pairs(SourceContext context, PairSink sink) throws IOException {
        IjbTemplatePairs pairs = meta.pairs();
        for (int i = 0; i < pairs.size(); i++) {
            sink.accept(new PairRow(meta.name(), i, Integer.toString(pairs.left(i)), Integer.toString(pairs.right(i)),
                    pairs.genuine(i), -1));
        }
    }
}
