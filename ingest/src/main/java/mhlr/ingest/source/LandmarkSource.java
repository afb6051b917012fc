package mhlr.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.LandmarkFile;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.fs.Path;

/**
 * {@code --format landmarks}: loose photos plus a 5-point landmark file ({@code name x1 y1 ... x5 y5 [score]},
 * default {@code INPUT/landmarks.txt}, or {@code ingest.landmark-file}). Every line is a record: the photo it names
 * (a path relative to {@code --input}) is aligned to the ArcFace template with its points. The identity is the
 * photo's folder ({@code person/photo.jpg} is identity {@code person}). A line that does not parse, or names a
 * photo outside any folder, is skipped as {@link SkipReason#BAD_LANDMARK_LINE}; a photo that is not there as
 * {@link SkipReason#UNREADABLE_PATH}.
 */
public final class LandmarkSource implements Source {
    static final String DEFAULT_FILE = "landmarks.txt";

    @Override
    public DatasetKind kind() {
        return DatasetKind.TRAIN;
    }

    @Override
    public SourceRecords read(SourceContext context) {
        Path root = context.inputDirectory();
        Path file = context.resolve(context.settings().landmarkFileSetting().orElse(DEFAULT_FILE));
        LandmarkFile landmarks = LandmarkLines.read(context, file, "ingest.landmark-file");
        List<Outcome> records = new ArrayList<>();
        for (BadRecordException problem : landmarks.problems()) {
            records.add(LandmarkLines.skipped(file, problem));
        }
        for (Map.Entry<String, FaceLandmarks> line : landmarks.byName().entrySet()) {
            String name = line.getKey();
            int slash = name.lastIndexOf('/');
            if (slash <= 0) {
                records.add(Outcome.skipped(name, SkipReason.BAD_LANDMARK_LINE, file.getName() + ": " + name
                        + " is not in an identity folder (expected IDENTITY/PHOTO)"));
                continue;
            }
            records.add(Outcome.face(FaceRecord.training(name, name.substring(0, slash), null,
                    line.getValue().points())));
        }
        if (records.isEmpty()) {
            throw new UsageException(file + " has no landmark lines");
        }
        int partitions = context.partitions(records.size(), records.size());
        return new SourceRecords(context.spark().parallelize(records, partitions)
                .map(new ConfinedFileReader(root.toString(), SkipReason.UNREADABLE_PATH, "named by " + file.getName(),
                        context.hadoopForExecutors())), records.size());
    }
}
