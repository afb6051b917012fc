package mhlr.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mhlr.ingest.source.FolderSource;
import mhlr.ingest.source.FolderSource.IdentityFolder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * What the driver holds when {@code bin/ingest --format folders} lists a WebFace42M-sized input. It writes a
 * synthetic layout of empty files ({@code --parts} numbered top folders, {@code --identities} identity folders in
 * each, {@code --files} files in each identity folder; by default 10 x 20,000 x 10 = 2,000,000 files in 200,000
 * folders), then measures, in this one JVM:
 * <ul>
 *   <li>the driver's listing: {@link FolderSource#identityFolders} exactly as the job calls it, through Hadoop's
 *       local file system; the used heap after a full GC with its result held, minus the same before;</li>
 *   <li>for scale, a listing that kept every file's relative path as a Java string on the driver (what the
 *       executors list in the job, folder by folder), measured the same way.</li>
 * </ul>
 * The layout is written once into {@code --root} (not timed, a few minutes) and deleted at the end unless
 * {@code --keep} is given.
 *
 * <pre>
 * ./mvnw -q -o -pl ingest -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * java $(cat bin/lib/jvm-options) -Xmx2g \
 *     -cp ingest/target/test-classes:ingest/target/classes:$(cat ingest/target/test-classpath.txt) \
 *     mhlr.ingest.bench.FolderListingBench [--root /tmp/mhlr-listing-bench] [--parts 10] [--identities 20000] \
 *     [--files 10] [--keep]
 * </pre>
 */
public final class FolderListingBench {
    private static final String COMPLETE = ".complete";

    private FolderListingBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "mhlr-listing-bench");
        int parts = 10;
        int identities = 20_000;
        int files = 10;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--parts" -> parts = Integer.parseInt(args[++i]);
                case "--identities" -> identities = Integer.parseInt(args[++i]);
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long fileCount = (long) parts * identities * files;
        write(root, parts, identities, files);
        FileSystem fileSystem = new org.apache.hadoop.fs.Path(root.toUri()).getFileSystem(new Configuration());
        org.apache.hadoop.fs.Path input = new org.apache.hadoop.fs.Path(root.toUri());

        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        List<IdentityFolder> folders = FolderSource.identityFolders(fileSystem, input, List.of(), root.toString());
        double listSeconds = (System.nanoTime() - start) / 1e9;
        long driver = usedHeapAfterGc() - before;
        report("driver listing (identity folders)", folders.size(), fileCount, driver, listSeconds);

        before = usedHeapAfterGc();
        start = System.nanoTime();
        List<String> paths = everyFile(fileSystem, input, folders);
        listSeconds = (System.nanoTime() - start) / 1e9;
        long everyPath = usedHeapAfterGc() - before;
        report("every file's path as a string (for scale)", paths.size(), fileCount, everyPath, listSeconds);
        if (paths.size() != fileCount || folders.size() != (long) parts * identities) {
            throw new IllegalStateException("listed " + folders.size() + " folders and " + paths.size()
                    + " files, expected " + (long) parts * identities + " and " + fileCount);
        }
        System.out.printf(Locale.ROOT, "max heap %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        if (!keep) {
            delete(root);
        }
    }

    private static void report(String what, long entries, long files, long bytes, double seconds) {
        System.out.printf(Locale.ROOT, "%s: %,d entries in %.1f s, heap %,.1f MB, %.1f bytes per file%n", what,
                entries, seconds, bytes / 1e6, (double) bytes / files);
    }

    /** The relative path of every file, listed folder by folder as the executors do. */
    private static List<String> everyFile(FileSystem fileSystem, org.apache.hadoop.fs.Path root,
            List<IdentityFolder> folders) throws IOException {
        List<String> paths = new ArrayList<>();
        for (IdentityFolder folder : folders) {
            FileStatus[] listed = fileSystem.listStatus(new org.apache.hadoop.fs.Path(root, folder.path()));
            Arrays.sort(listed);
            for (FileStatus file : listed) {
                paths.add(folder.path() + "/" + file.getPath().getName());
            }
        }
        return paths;
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** WebFace42M's layout: part/part_identity_NNNNNNN/NNNNNNNN.jpg, empty files. */
    private static void write(Path root, int parts, int identities, int files) throws IOException {
        if (Files.exists(root.resolve(COMPLETE))) {
            System.out.println("layout already in " + root);
            return;
        }
        long start = System.nanoTime();
        for (int part = 0; part < parts; part++) {
            for (int identity = 0; identity < identities; identity++) {
                Path folder = root.resolve(Integer.toString(part))
                        .resolve(String.format(Locale.ROOT, "%d_%d_%07d", part, identity % 7, identity));
                Files.createDirectories(folder);
                for (int file = 0; file < files; file++) {
                    Path image = folder.resolve(String.format(Locale.ROOT, "%08d.jpg", file));
                    if (!Files.exists(image)) {
                        Files.createFile(image);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "wrote part %d after %.0f s%n", part, (System.nanoTime() - start) / 1e9);
        }
        Files.createFile(root.resolve(COMPLETE));
    }

    private static void delete(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
        System.out.println("deleted " + root);
    }
}
