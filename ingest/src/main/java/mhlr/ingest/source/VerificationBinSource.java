package mhlr.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.format.VerificationBin;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import mhlr.ingest.shards.PairRow;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;

/**
 * {@code --format bin}: insightface verification sets ({@code lfw.bin}, {@code cfp_fp.bin}, {@code agedb_30.bin},
 * ...), read with core's safe unpickler. {@code --input} is one {@code .bin} or a directory of them; each is a
 * ten-fold protocol named after its file ({@code ingest.protocol} renames a single one). Image {@code i} of
 * {@code lfw.bin} has key {@code lfw/i}; pair {@code i} is {@code (2i, 2i+1)}, folds as insightface cuts them.
 * The images are already aligned 112x112 and pass through unchanged.
 */
public final class VerificationBinSource implements EvaluationSource {
    private final List<Set> sets = new ArrayList<>();

    @Override
    public SourceRecords read(SourceContext context) {
        FileSystem fileSystem = context.fileSystem();
        List<Path> files = binFiles(context, fileSystem);
        JavaRDD<Outcome> all = null;
        long count = 0;
        for (Path file : files) {
            VerificationBin bin = load(fileSystem, file);
            String stem = file.getName().substring(0, file.getName().length() - ".bin".length());
            String name = files.size() == 1 ? context.settings().protocolSetting().orElse(stem) : stem;
            sets.add(new Set(name, bin.pairs(), pairFlags(bin), folds(bin)));
            List<Outcome> records = new ArrayList<>(bin.images().size());
            for (int i = 0; i < bin.images().size(); i++) {
                String key = name + "/" + i;
                records.add(Outcome.face(FaceRecord.evaluation(file.getName() + "#" + i, key, bin.images().get(i),
                        null)));
            }
            count += records.size();
            JavaRDD<Outcome> rdd = context.spark().parallelize(records, context.partitions(records.size(),
                    records.size()));
            all = all == null ? rdd : all.union(rdd);
        }
        return new SourceRecords(all, count);
    }

    private static List<Path> binFiles(SourceContext context, FileSystem fileSystem) {
        Path given = context.inputPath();
        try {
            FileStatus status = fileSystem.getFileStatus(given);
            if (!status.isDirectory()) {
                return List.of(given);
            }
            List<Path> files = Arrays.stream(fileSystem.listStatus(given))
                    .filter(s -> s.isFile() && s.getPath().getName().endsWith(".bin"))
                    .map(FileStatus::getPath)
                    .sorted(Comparator.comparing(Path::getName))
                    .toList();
            if (files.isEmpty()) {
                throw new UsageException("--input " + context.input() + " holds no .bin file");
            }
            return files;
        } catch (java.io.FileNotFoundException e) {
            throw new UsageException("--input " + context.input() + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --input " + context.input(), e);
        }
    }

    private static VerificationBin load(FileSystem fileSystem, Path file) {
        try (InputStream in = fileSystem.open(file, 1 << 16)) {
            return VerificationBin.read(in, file.toString(), fileSystem.getFileStatus(file).getLen());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static boolean[] pairFlags(VerificationBin bin) {
        boolean[] same = new boolean[bin.pairs()];
        for (int i = 0; i < same.length; i++) {
            same[i] = bin.same(i);
        }
        return same;
    }

    private static int[] folds(VerificationBin bin) {
        int[] folds = new int[bin.pairs()];
        for (int i = 0; i < folds.length; i++) {
            folds[i] = bin.fold(i, 10);
        }
        return folds;
    }

    @Override
    public List<Protocol> protocols(SourceContext context) {
        return sets.stream().map(set -> Protocol.tenfold(set.name())).toList();
    }

    @Override
    public void pairs(SourceContext context, PairSink sink) throws IOException {
        for (Set set : sets) {
            for (int i = 0; i < set.pairs(); i++) {
                sink.accept(new PairRow(set.name(), i, set.name() + "/" + (2 * i), set.name() + "/" + (2 * i + 1),
                        set.same()[i], set.folds()[i]));
            }
        }
    }

    /** What the pair list needs of one verification set once its images are handed to Spark. */
    private record Set(String name, int pairs, boolean[] same, int[] folds) {
    }
}
