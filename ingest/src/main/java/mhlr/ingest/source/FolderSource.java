package mhlr.ingest.source;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import mhlr.core.cli.UsageException;
import mhlr.core.skip.SkipReason;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.record.FaceRecord;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code --format folders}: one folder per identity, every file in it an image (detected by content, no extension
 * needed). Two layouts:
 * <ul>
 *   <li>plain: {@code INPUT/<identity>/<image>}; files directly in {@code INPUT} (a README, a pairs file) are not
 *       records;</li>
 *   <li>WebFace42M: {@code INPUT/<part>/<identity>/<image>} with numbered top folders {@code 0} .. {@code 9};
 *       {@code ingest.parts} picks some (WebFace4M = {@code ["0"]}, WebFace12M = {@code ["0","1","2"]}); with
 *       no parts given the layout is recognised when every top folder is a single digit and the first holds
 *       folders, not files.</li>
 * </ul>
 * The driver lists the identity folders, and the files of at most {@value #SAMPLED_FOLDERS} of them to estimate how
 * many images there are (the partition count and the progress's ETA come from it). Each pass-1 task lists the files
 * of its own identity folders and reads them as it goes: a 2-million-identity input is not listed file by file on one
 * machine, and no Spark job only lists (such a job, and the shuffle balancing its output, took a large share of a
 * small ingest). Names starting with a dot are ignored.
 */
public final class FolderSource implements Source {
    /** Identity folders the driver lists to estimate the number of images. */
    static final int SAMPLED_FOLDERS = 32;

    @Override
    public DatasetKind kind() {
        return DatasetKind.TRAIN;
    }

    @Override
    public SourceRecords read(SourceContext context) {
        Path root = context.inputDirectory();
        List<IdentityFolder> identities = identityFolders(context.fileSystem(), root, context.settings().parts(),
                context.input());
        if (identities.isEmpty()) {
            throw new UsageException("--input " + context.input() + " holds no identity folders (expected one folder"
                    + " per identity, each holding its images)");
        }
        long estimate = estimateImages(root, identities, context.hadoop());
        String rootUri = root.toString();
        Broadcast<SerializableConfiguration> hadoop = context.hadoopForExecutors();
        JavaRDD<Outcome> read = context.spark()
                .parallelize(identities, context.partitions(estimate, identities.size()))
                .flatMap(new ListFiles(rootUri, hadoop))
                .map(new ConfinedFileReader(rootUri, SkipReason.UNREADABLE_PATH, "was listed", hadoop));
        return new SourceRecords(read, estimate, identities.size() > SAMPLED_FOLDERS);
    }

    /**
     * The number of images, from the files of at most {@value #SAMPLED_FOLDERS} identity folders spread evenly over
     * the sorted list (exact when there are no more folders than that).
     */
    static long estimateImages(Path root, List<IdentityFolder> identities, Configuration hadoop) {
        int sampled = Math.min(identities.size(), SAMPLED_FOLDERS);
        long files = 0;
        for (int i = 0; i < sampled; i++) {
            IdentityFolder folder = identities.get((int) ((long) i * identities.size() / sampled));
            files += fileNames(new Path(root, folder.path()), hadoop).size();
        }
        return Math.round((double) files * identities.size() / sampled);
    }

    /**
     * The identity folders to read, sorted by their path relative to the input: all the driver lists and holds
     * (the files in them are listed on the executors). Public for the listing benchmark.
     */
    public static List<IdentityFolder> identityFolders(FileSystem fileSystem, Path root, List<String> parts,
            String input) {
        Configuration hadoop = fileSystem.getConf();
        List<String> top = folders(root, hadoop);
        List<IdentityFolder> found = new ArrayList<>();
        try {
            if (!parts.isEmpty()) {
                for (String part : parts) {
                    Path partPath = new Path(root, part);
                    if (!fileSystem.exists(partPath) || !fileSystem.getFileStatus(partPath).isDirectory()) {
                        throw new UsageException("ingest.parts names folder '" + part + "', which is not in --input "
                                + input + " (WebFace layout: numbered top folders 0 .. 9)");
                    }
                    addIdentities(found, partPath, part + "/", hadoop);
                }
            } else if (isWebFaceLayout(root, top, hadoop)) {
                for (String part : top) {
                    addIdentities(found, new Path(root, part), part + "/", hadoop);
                }
            } else {
                for (String identity : top) {
                    found.add(new IdentityFolder(identity, identity));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list --input " + input, e);
        }
        found.sort(Comparator.comparing(IdentityFolder::path));
        return found;
    }

    private static boolean isWebFaceLayout(Path root, List<String> top, Configuration hadoop) {
        if (top.isEmpty() || !top.stream().allMatch(name -> name.matches("[0-9]"))) {
            return false;
        }
        List<Entry> first = entries(new Path(root, top.get(0)), hadoop, "folder");
        return !first.isEmpty() && first.stream().allMatch(Entry::folder);
    }

    private static void addIdentities(List<IdentityFolder> found, Path part, String prefix, Configuration hadoop) {
        for (String identity : folders(part, hadoop)) {
            found.add(new IdentityFolder(prefix + identity, identity));
        }
    }

    /** The sorted names of the folders in {@code directory}, hidden ones left out. */
    private static List<String> folders(Path directory, Configuration hadoop) {
        return entries(directory, hadoop, "folder").stream().filter(Entry::folder).map(Entry::name).sorted()
                .toList();
    }

    /**
     * One identity's folder.
     *
     * @param path relative to the input, e.g. {@code 0/0_0_0000000} or {@code s1}
     * @param identity the identity name (the folder's own name)
     */
    public record IdentityFolder(String path, String identity) implements Serializable {
    }

    /** Executor side: the files of one identity folder, sorted, as faces still to be read. */
    private static final class ListFiles implements FlatMapFunction<IdentityFolder, Outcome> {
        private static final long serialVersionUID = 1L;

        private final String root;
        private final Broadcast<SerializableConfiguration> hadoop;

        ListFiles(String root, Broadcast<SerializableConfiguration> hadoop) {
            this.root = root;
            this.hadoop = hadoop;
        }

        @Override
        public Iterator<Outcome> call(IdentityFolder folder) {
            return fileNames(new Path(root, folder.path()), hadoop.value().value()).stream()
                    .map(name -> Outcome.face(FaceRecord.training(folder.path() + "/" + name, folder.identity(),
                            null, null)))
                    .iterator();
        }
    }

    /** The sorted names of an identity folder's files, hidden ones left out. */
    private static List<String> fileNames(Path directory, Configuration hadoop) {
        return entries(directory, hadoop, "identity folder").stream().filter(entry -> !entry.folder())
                .map(Entry::name).sorted().toList();
    }

    /**
     * What {@code directory} (a {@code what}, for the error) holds, names starting with a dot left out: a local
     * folder through NIO (Hadoop's local listing builds a status with a block size and times for every entry, much
     * slower), anything else through its Hadoop file system. A folder that cannot be listed fails the job: that is
     * systematic, not one bad record (a folder counted as one skip would hide its images from the limit on bad
     * records).
     */
    private static List<Entry> entries(Path directory, Configuration hadoop, String what) {
        List<Entry> entries = new ArrayList<>();
        try {
            if (InputFiles.isLocal(directory)) {
                try (DirectoryStream<java.nio.file.Path> listed =
                        Files.newDirectoryStream(java.nio.file.Path.of(directory.toUri()))) {
                    for (java.nio.file.Path entry : listed) {
                        String name = entry.getFileName().toString();
                        if (!name.startsWith(".")) {
                            entries.add(new Entry(name, Files.isDirectory(entry)));
                        }
                    }
                }
            } else {
                for (FileStatus status : directory.getFileSystem(hadoop).listStatus(directory)) {
                    String name = status.getPath().getName();
                    if (!name.startsWith(".")) {
                        entries.add(new Entry(name, status.isDirectory()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " " + directory + " cannot be listed: " + e.getMessage(), e);
        }
        return entries;
    }

    /** A visible entry of a folder. */
    private record Entry(String name, boolean folder) {
    }
}
