package mhlr.ingest.source;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
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
 * machine, and no Spark job only lists (that job and the shuffle balancing its output cost a sixth of ingesting
 * 20,000 faces). Names starting with a dot are ignored.
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
        try {
            List<FileStatus> top = directories(fileSystem, root);
            List<IdentityFolder> found = new ArrayList<>();
            if (!parts.isEmpty()) {
                for (String part : parts) {
                    Path partPath = new Path(root, part);
                    if (!fileSystem.exists(partPath) || !fileSystem.getFileStatus(partPath).isDirectory()) {
                        throw new UsageException("ingest.parts names folder '" + part + "', which is not in --input "
                                + input + " (WebFace layout: numbered top folders 0 .. 9)");
                    }
                    addIdentities(found, fileSystem, partPath, part + "/");
                }
            } else if (isWebFaceLayout(fileSystem, top)) {
                for (FileStatus part : top) {
                    addIdentities(found, fileSystem, part.getPath(), part.getPath().getName() + "/");
                }
            } else {
                for (FileStatus identity : top) {
                    String name = identity.getPath().getName();
                    found.add(new IdentityFolder(name, name));
                }
            }
            found.sort(Comparator.comparing(IdentityFolder::path));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list --input " + input, e);
        }
    }

    private static boolean isWebFaceLayout(FileSystem fileSystem, List<FileStatus> top) throws IOException {
        if (top.isEmpty() || !top.stream().allMatch(s -> s.getPath().getName().matches("[0-9]"))) {
            return false;
        }
        FileStatus[] first = fileSystem.listStatus(top.get(0).getPath());
        boolean hasFolders = Arrays.stream(first).anyMatch(s -> s.isDirectory() && !hidden(s));
        boolean hasFiles = Arrays.stream(first).anyMatch(s -> s.isFile() && !hidden(s));
        return hasFolders && !hasFiles;
    }

    private static void addIdentities(List<IdentityFolder> found, FileSystem fileSystem, Path part, String prefix)
            throws IOException {
        for (FileStatus identity : directories(fileSystem, part)) {
            String name = identity.getPath().getName();
            found.add(new IdentityFolder(prefix + name, name));
        }
    }

    private static List<FileStatus> directories(FileSystem fileSystem, Path directory) throws IOException {
        return Arrays.stream(fileSystem.listStatus(directory))
                .filter(s -> s.isDirectory() && !hidden(s))
                .sorted(Comparator.comparing(s -> s.getPath().getName()))
                .toList();
    }

    private static boolean hidden(FileStatus status) {
        return status.getPath().getName().startsWith(".");
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

    /**
     * The sorted names of an identity folder's files, hidden ones left out: a local folder through NIO (Hadoop's
     * local listing builds a status with permissions for every file, which cost as much as reading it), anything
     * else through its Hadoop file system. A folder that cannot be listed fails the job: that is systematic, not one
     * bad record (a folder counted as one skip would hide its images from the limit on bad records).
     */
    private static List<String> fileNames(Path directory, Configuration hadoop) {
        List<String> names = new ArrayList<>();
        try {
            if (InputFiles.isLocal(directory)) {
                try (DirectoryStream<java.nio.file.Path> entries =
                        Files.newDirectoryStream(java.nio.file.Path.of(directory.toUri()))) {
                    for (java.nio.file.Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (!name.startsWith(".") && !Files.isDirectory(entry)) {
                            names.add(name);
                        }
                    }
                }
            } else {
                FileSystem fileSystem = directory.getFileSystem(hadoop);
                for (FileStatus status : fileSystem.listStatus(directory)) {
                    if (status.isFile() && !hidden(status)) {
                        names.add(status.getPath().getName());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("identity folder " + directory + " cannot be listed: " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }
}
