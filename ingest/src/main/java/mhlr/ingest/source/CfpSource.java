package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mhlr.core.format.CfpProtocol;
import mhlr.core.format.FacePair;
import mhlr.core.skip.SkipReason;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.shards.PairRow;
import org.apache.hadoop.fs.Path;

/**
 * {@code --format cfp}: CFP's {@code Data/} and {@code Protocol/} ({@code --input} is the directory holding both),
 * read with core's {@link CfpProtocol}. The records are the images of the frontal and profile lists, keyed by
 * their path under the root ({@code Data/Images/001/frontal/01.jpg}); CFP ships no landmarks, so they are taken
 * as face crops and resized. Two ten-fold protocols: {@code cfp_ff} (frontal-frontal) and {@code cfp_fp}
 * (frontal-profile); {@code ingest.protocol} replaces the {@code cfp} prefix. A listed image that is not there is
 * skipped as {@link SkipReason#MISSING_PAIR_IMAGE}.
 */
public final class CfpSource implements EvaluationSource {
    private CfpProtocol protocol;
    private String prefix;

    @Override
    public SourceRecords read(SourceContext context) {
        Path root = context.inputDirectory();
        try (DriverCopy local = DriverFiles.localRoot(context.fileSystem(), root, "Protocol")) {
            protocol = CfpProtocol.read(local.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CFP protocol under " + root, e);
        }
        prefix = context.settings().protocolSetting().orElse("cfp");
        Set<String> keys = new LinkedHashSet<>(protocol.frontalImages());
        keys.addAll(protocol.profileImages());
        List<Outcome> records = new ArrayList<>(keys.size());
        for (String key : keys) {
            records.add(Outcome.face(FaceRecord.evaluation(key, key, null, null)));
        }
        int partitions = context.partitions(records.size(), records.size());
        return new SourceRecords(context.spark().parallelize(records, partitions)
                .map(new ConfinedFileReader(root.toString(), SkipReason.MISSING_PAIR_IMAGE, "listed by Protocol/",
                        context.hadoopForExecutors())), records.size());
    }

    @Override
    public List<Protocol> protocols(SourceContext context) {
        return List.of(Protocol.tenfold(prefix + "_ff"), Protocol.tenfold(prefix + "_fp"));
    }

    @Override
    public void pairs(SourceContext context, PairSink sink) throws IOException {
        emit(prefix + "_ff", protocol.frontalFrontal(), sink);
        emit(prefix + "_fp", protocol.frontalProfile(), sink);
    }

    private static void emit(String name, List<FacePair> pairs, PairSink sink) throws IOException {
        for (int i = 0; i < pairs.size(); i++) {
            FacePair pair = pairs.get(i);
            sink.accept(new PairRow(name, i, pair.left(), pair.right(), pair.same(), pair.fold()));
        }
    }
}
