package mhlr.evaluate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import mhlr.core.cli.UsageException;
import mhlr.core.format.CfpProtocol;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.FacePair;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.core.format.LandmarkFile;
import mhlr.core.format.LfwPairs;
import mhlr.core.format.VerificationBin;
import mhlr.core.dataset.ProtocolEntry;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import mhlr.evaluate.protocol.IjbProtocol;
import mhlr.evaluate.protocol.TenFoldProtocol;
import mhlr.evaluate.protocol.VerificationProtocol;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What {@code --data} points at, and the protocols in it. Either an evaluation shard set (a directory with
 * {@code __mhlr/manifest.json}: its protocols come from {@code pairs.parquet}, its images can be embedded), or, with
 * {@code --embeddings}, the protocol's own files: an IJB root holding {@code meta/}, a CFP root holding
 * {@code Protocol/} (two protocols, {@code cfp_ff} and {@code cfp_fp}), an LFW-style {@code pairs.txt} (or a
 * directory holding one), or an insightface {@code .bin}.
 *
 * @param protocols the protocols found, in order
 * @param shards the shard set, when {@code --data} is one
 */
public record EvaluationData(List<VerificationProtocol> protocols, Optional<ShardSet> shards) {
    private static final int SHOWN_OFFENDERS = 5;

    /**
     * Reads the protocols at {@code location}: a local path, or a Hadoop URI (hdfs://, s3a://, ...) of a shard set.
     * The protocols' own files (IJB meta/, CFP, pairs.txt, .bin) are read from the driver's local disk only.
     */
    public static EvaluationData read(String location, Configuration hadoop, Supplier<SparkSession> spark) {
        if (isRemote(location)) {
            ShardSet shards = ShardSet.open(location, hadoop).verify(ShardSet.Check.SIZE);
            return new EvaluationData(fromShards(shards, spark.get()), Optional.of(shards));
        }
        return read(localPath(location), spark);
    }

    /** The local path of a location that is not {@link #isRemote}: a plain path or a {@code file:} URI. */
    public static Path localPath(String location) {
        java.net.URI uri = ShardSet.uri(location);
        return uri.getScheme() == null ? Path.of(location) : Path.of(uri);
    }

    /** Whether {@code location} names a file system other than the local one (a URI with a scheme but file:). */
    public static boolean isRemote(String location) {
        String scheme = ShardSet.uri(location).getScheme();
        return scheme != null && !scheme.equals("file");
    }

    /** Reads the protocols at the local path {@code data}. */
    public static EvaluationData read(Path data, Supplier<SparkSession> spark) {
        try {
            if (Files.isRegularFile(data.resolve(ShardSchema.MANIFEST_FILE))
                    || Files.isRegularFile(data.resolve(ShardSchema.OLD_MANIFEST_FILE))) {
                ShardSet shards = ShardSet.open(data.toAbsolutePath().toUri().toString()).verify(ShardSet.Check.SIZE);
                return new EvaluationData(fromShards(shards, spark.get()), Optional.of(shards));
            }
            if (Files.isDirectory(data.resolve(IjbMeta.META))) {
                return new EvaluationData(List.of(ijb(data)), Optional.empty());
            }
            if (Files.isDirectory(data.resolve("Protocol"))) {
                CfpProtocol cfp = CfpProtocol.read(data);
                return new EvaluationData(List.of(new TenFoldProtocol("cfp_ff", cfp.frontalFrontal()),
                        new TenFoldProtocol("cfp_fp", cfp.frontalProfile())), Optional.empty());
            }
            if (Files.isDirectory(data) && Files.isRegularFile(data.resolve("pairs.txt"))) {
                return new EvaluationData(List.of(new TenFoldProtocol("lfw", LfwPairs.read(data.resolve("pairs.txt")))),
                        Optional.empty());
            }
            String file = data.getFileName() == null ? "" : data.getFileName().toString();
            if (Files.isRegularFile(data) && file.endsWith(".bin")) {
                return new EvaluationData(List.of(bin(VerificationBin.read(data), file.substring(0, file.length() - 4))),
                        Optional.empty());
            }
            if (Files.isRegularFile(data) && file.endsWith(".txt")) {
                return new EvaluationData(List.of(new TenFoldProtocol("lfw", LfwPairs.read(data))), Optional.empty());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data, e);
        }
        if (!Files.exists(data)) {
            throw new UsageException("--data " + data + " does not exist");
        }
        throw new UsageException("--data " + data + " is none of: an evaluation shard set (" + ShardSchema.MANIFEST_FILE
                + "), an IJB root"
                + " (meta/), a CFP root (Protocol/), an LFW pairs.txt or a directory holding one, a .bin");
    }

    /** The protocols to run: the one named by {@code evaluate.protocol}, else all. */
    public List<VerificationProtocol> select(String name) {
        if (name.isEmpty()) {
            return protocols;
        }
        List<VerificationProtocol> chosen = protocols.stream().filter(p -> p.name().equals(name)).toList();
        if (chosen.isEmpty()) {
            throw new UsageException("evaluate.protocol=" + name + " is not among the protocols of --data: "
                    + protocols.stream().map(VerificationProtocol::name).toList());
        }
        return chosen;
    }

    private static VerificationProtocol bin(VerificationBin bin, String name) {
        List<FacePair> pairs = new ArrayList<>();
        for (int i = 0; i < bin.pairs(); i++) {
            pairs.add(new FacePair(String.valueOf(2 * i), String.valueOf(2 * i + 1), bin.same(i), -1));
        }
        return new TenFoldProtocol(name, pairs);
    }

    /**
     * An IJB protocol from the three files of its {@code meta/} (core's readers; not {@code IjbMeta.read}, which
     * stops at the first pair naming a template without faces, while the evaluation reports how many do and
     * which), with the 1:N lists when {@code meta/} has them. Every face needs its detector score from the
     * landmark file.
     */
    static IjbProtocol ijb(Path root) throws IOException {
        Path meta = root.resolve(IjbMeta.META);
        List<String> prefixes;
        try (java.util.stream.Stream<Path> files = Files.list(meta)) {
            prefixes = files.map(file -> file.getFileName().toString()).filter(f -> f.endsWith(IjbMeta.FACES_SUFFIX))
                    .map(f -> f.substring(0, f.length() - IjbMeta.FACES_SUFFIX.length())).sorted().toList();
        }
        if (prefixes.size() != 1) {
            throw new UsageException(meta + ": expected one *" + IjbMeta.FACES_SUFFIX + " (ijbb_ or ijbc_), found "
                    + (prefixes.isEmpty() ? "none" : prefixes));
        }
        String name = prefixes.get(0);
        IjbFaces faces = IjbFaces.read(required(meta.resolve(name + IjbMeta.FACES_SUFFIX)));
        IjbTemplatePairs pairs = IjbTemplatePairs.read(required(meta.resolve(name + IjbMeta.PAIRS_SUFFIX)));
        LandmarkFile landmarkFile = LandmarkFile.read(required(meta.resolve(name + IjbMeta.LANDMARKS_SUFFIX)));
        int n = faces.size();
        String[] images = new String[n];
        int[] templates = new int[n];
        int[] media = new int[n];
        float[] scores = new float[n];
        long missing = 0;
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images[i] = faces.image(i);
            templates[i] = faces.template(i);
            media[i] = faces.media(i);
            Optional<FaceLandmarks> landmarks = landmarkFile.get(images[i]);
            if (landmarks.isEmpty() || !landmarks.get().hasScore()) {
                missing++;
                if (shown.size() < SHOWN_OFFENDERS) {
                    shown.add(images[i]);
                }
            } else {
                scores[i] = landmarks.get().score();
            }
        }
        if (missing > 0) {
            throw new UsageException(name + ": " + missing + " faces have no detector score in "
                    + name + IjbMeta.LANDMARKS_SUFFIX + ", e.g. " + String.join(", ", shown));
        }
        int[] left = new int[pairs.size()];
        int[] right = new int[pairs.size()];
        boolean[] same = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            left[i] = pairs.left(i);
            right[i] = pairs.right(i);
            same[i] = pairs.genuine(i);
        }
        return new IjbProtocol(name, images, templates, media, scores, left, right, same,
                IjbIdentificationMeta.read(meta, name));
    }

    private static Path required(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + " is missing");
        }
        return file;
    }

    /** The protocols a shard set lists, with their pairs from {@code pairs.parquet} in pair order. */
    private static List<VerificationProtocol> fromShards(ShardSet shards, SparkSession spark) {
        if (shards.manifest().protocols().isEmpty()) {
            throw new UsageException(shards.directory() + " lists no verification protocol in its manifest"
                    + " (is it a training shard set?)");
        }
        List<VerificationProtocol> protocols = new ArrayList<>();
        String pairsFile = shards.resolve(ShardSchema.PAIRS_FILE).toString();
        for (ProtocolEntry entry : shards.manifest().protocols()) {
            List<Row> rows = spark.read().parquet(pairsFile)
                    .where(functions.col(ShardSchema.PROTOCOL).equalTo(entry.name()))
                    .select(ShardSchema.PAIR_INDEX, ShardSchema.LEFT, ShardSchema.RIGHT, ShardSchema.SAME,
                            ShardSchema.FOLD)
                    .collectAsList();
            List<Row> ordered = rows.stream().sorted(Comparator.comparingLong(r -> r.getLong(0))).toList();
            if (ProtocolEntry.IJB.equals(entry.kind())) {
                protocols.add(ijbFromRows(entry.name(), ordered, spark, shards));
            } else {
                protocols.add(new TenFoldProtocol(entry.name(), ordered.stream()
                        .map(r -> new FacePair(r.getString(1), r.getString(2), r.getBoolean(3), r.getInt(4)))
                        .toList()));
            }
        }
        return protocols;
    }

    /**
     * An IJB protocol of a shard set: the pairs name template ids; the faces are the shard rows, in the natural
     * order of their keys ({@link #naturalOrder}), the row order of a {@code .npy} for this shard set.
     */
    private static IjbProtocol ijbFromRows(String name, List<Row> pairs, SparkSession spark, ShardSet shards) {
        int n = pairs.size();
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] same = new boolean[n];
        for (int i = 0; i < n; i++) {
            Row row = pairs.get(i);
            try {
                left[i] = Integer.parseInt(row.getString(1));
                right[i] = Integer.parseInt(row.getString(2));
            } catch (NumberFormatException e) {
                throw new UsageException(shards.resolve(ShardSchema.PAIRS_FILE) + ": pair " + row.getLong(0)
                        + " of " + name + " names '" + row.getString(1) + "', '" + row.getString(2)
                        + "'; IJB pairs name template ids");
            }
            same[i] = row.getBoolean(3);
        }
        List<Row> faces = spark.read().parquet(shards.shardPaths().toArray(String[]::new))
                .where(functions.col(ShardSchema.TEMPLATE_ID).isNotNull())
                .select(ShardSchema.KEY, ShardSchema.TEMPLATE_ID, ShardSchema.MEDIA_ID, ShardSchema.DETECTOR_SCORE)
                .collectAsList()
                .stream().sorted(Comparator.comparing((Row face) -> face.getString(0), EvaluationData::naturalOrder))
                .toList();
        String[] images = new String[faces.size()];
        int[] templates = new int[faces.size()];
        int[] media = new int[faces.size()];
        float[] scores = new float[faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            Row face = faces.get(i);
            images[i] = face.getString(0);
            templates[i] = face.getInt(1);
            media[i] = face.isNullAt(2) ? 0 : face.getInt(2);
            scores[i] = face.isNullAt(3) ? 1f : face.getFloat(3);
        }
        return new IjbProtocol(name, images, templates, media, scores, left, right, same,
                identificationFromShards(name, spark, shards));
    }

    /**
     * Image names with their leading numbers compared as numbers ({@code 2.jpg} before {@code 10.jpg}), then the
     * rest as text; names without a leading number as text, after the numbered ones.
     */
    static int naturalOrder(String a, String b) {
        int digitsA = leadingDigits(a);
        int digitsB = leadingDigits(b);
        if ((digitsA == 0) != (digitsB == 0)) {
            return digitsA == 0 ? 1 : -1;
        }
        if (digitsA > 0) {
            String numberA = a.substring(0, digitsA).replaceFirst("^0+(?=.)", "");
            String numberB = b.substring(0, digitsB).replaceFirst("^0+(?=.)", "");
            int byNumber = numberA.length() != numberB.length() ? Integer.compare(numberA.length(), numberB.length())
                    : numberA.compareTo(numberB);
            if (byNumber != 0) {
                return byNumber;
            }
        }
        return a.compareTo(b);
    }

    private static int leadingDigits(String name) {
        int i = 0;
        while (i < name.length() && Character.isDigit(name.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1:N lists of {@code name} from {@code identification.parquet}, when the shard set has them. */
    private static Optional<IjbIdentificationMeta> identificationFromShards(String name, SparkSession spark,
            ShardSet shards) {
        if (shards.manifest().files().stream().noneMatch(f -> f.file().equals(ShardSchema.IDENTIFICATION_FILE))) {
            return Optional.empty();
        }
        List<Row> rows = spark.read().parquet(shards.resolve(ShardSchema.IDENTIFICATION_FILE).toString())
                .where(functions.col(ShardSchema.PROTOCOL).equalTo(name))
                .select(ShardSchema.IDENTIFICATION_SET, ShardSchema.LINE, ShardSchema.TEMPLATE_ID, ShardSchema.SUBJECT_ID)
                .collectAsList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> sets = List.of(ShardSchema.GALLERY_ONE, ShardSchema.GALLERY_TWO, ShardSchema.PROBE);
        IjbTemplateSubjects[] lists = new IjbTemplateSubjects[sets.size()];
        for (int s = 0; s < sets.size(); s++) {
            String set = sets.get(s);
            List<Row> lines = rows.stream().filter(r -> r.getString(0).equals(set))
                    .sorted(Comparator.comparingLong(r -> r.getLong(1))).toList();
            int[] templates = lines.stream().mapToInt(r -> r.getInt(2)).toArray();
            int[] subjects = lines.stream().mapToInt(r -> r.getInt(3)).toArray();
            lists[s] = new IjbTemplateSubjects(templates, subjects);
        }
        return Optional.of(new IjbIdentificationMeta(lists[0], lists[1], lists[2]));
    }
}
