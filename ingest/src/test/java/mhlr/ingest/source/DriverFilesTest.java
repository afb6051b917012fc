package mhlr.ingest.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol files on a file system that is not the local one (HDFS, S3) are copied to the driver for core's
 * readers, and the copies are deleted once read; local inputs are used where they are and never deleted.
 */
class DriverFilesTest {
    @TempDir
    Path temporary;

    /** The local disk seen through a file system that is not the local one, as HDFS would be. */
    private static FileSystem remote() throws IOException {
        FileSystem raw = FileSystem.getLocal(new Configuration()).getRawFileSystem();
        FilterFileSystem remote = new FilterFileSystem(raw);
        remote.initialize(URI.create("file:///"), new Configuration());
        return remote;
    }

    @Test
    void aRemoteFilesAndARemoteFoldersDriverCopiesAreDeletedWhenClosed() throws IOException {
        Path meta = Files.createDirectories(temporary.resolve("ijb/meta"));
        Files.writeString(meta.resolve("ijbc_face_tid_mid.txt"), "1.jpg 1 1\n");
        FileSystem remote = remote();
        assertFalse(DriverFiles.isLocal(remote));

        Path copiedFile;
        try (DriverCopy copy = DriverFiles.local(remote, new org.apache.hadoop.fs.Path(
                meta.resolve("ijbc_face_tid_mid.txt").toUri()))) {
            copiedFile = copy.path();
            assertNotEquals(meta.resolve("ijbc_face_tid_mid.txt"), copiedFile);
            assertEquals("1.jpg 1 1\n", Files.readString(copiedFile));
        }
        assertFalse(Files.exists(copiedFile.getParent()), "the temporary folder of the copy is gone");

        Path copiedRoot;
        try (DriverCopy copy = DriverFiles.localRoot(remote, new org.apache.hadoop.fs.Path(
                temporary.resolve("ijb").toUri()), "meta")) {
            copiedRoot = copy.path();
            assertTrue(Files.exists(copiedRoot.resolve("meta/ijbc_face_tid_mid.txt")));
        }
        assertFalse(Files.exists(copiedRoot), "the temporary copy of meta/ is gone");
    }

    @Test
    void aLocalInputIsReadWhereItIsAndNeverDeleted() throws IOException {
        Path pairs = Files.writeString(temporary.resolve("pairs.txt"), "10 300\n");
        FileSystem local = FileSystem.getLocal(new Configuration());
        try (DriverCopy copy = DriverFiles.local(local, new org.apache.hadoop.fs.Path(pairs.toUri()))) {
            assertEquals(pairs, copy.path());
        }
        try (DriverCopy copy = DriverFiles.localRoot(local, new org.apache.hadoop.fs.Path(temporary.toUri()), "x")) {
            assertEquals(temporary, copy.path());
        }
        assertTrue(Files.exists(pairs));
    }
}
