package mhlr.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixLocalFileSystemTest {
    @TempDir
    java.nio.file.Path folder;

    @Test
    void filesAndFoldersGetThePermissionsHadoopsOwnLocalFileSystemGives() throws IOException {
        try (FileSystem posix = open(PosixLocalFileSystem.class); FileSystem hadoop = open(LocalFileSystem.class)) {
            for (FileSystem fileSystem : new FileSystem[] {posix, hadoop}) {
                String name = fileSystem == posix ? "posix" : "hadoop";
                try (FSDataOutputStream out = fileSystem.create(path(name + ".bin"), true)) {
                    out.write(new byte[] {1, 2, 3});
                }
                fileSystem.mkdirs(path(name + "-folder/inner"));
                fileSystem.mkdirs(path(name + "-private"), new FsPermission((short) 0750));
            }
            for (String file : new String[] {".bin", "-folder", "-folder/inner", "-private"}) {
                assertEquals(permissions("hadoop" + file), permissions("posix" + file), file);
            }
            assertEquals("rwxr-x---", permissions("posix-private"));
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(folder.resolve("posix.bin")));
            assertEquals(Files.exists(folder.resolve(".hadoop.bin.crc")), Files.exists(folder.resolve(".posix.bin.crc")),
                    "checksums are Hadoop's");
        }
    }

    @Test
    void setPermissionSetsTheNineBits() throws IOException {
        try (FileSystem posix = open(PosixLocalFileSystem.class)) {
            Files.write(folder.resolve("face.jpg"), new byte[] {1});
            posix.setPermission(path("face.jpg"), new FsPermission((short) 0604));
            assertEquals("rw----r--", permissions("face.jpg"));
            posix.setPermission(path("face.jpg"), new FsPermission((short) 0777));
            assertEquals("rwxrwxrwx", permissions("face.jpg"));
        }
    }

    @Test
    void sessionsOfTheJobsAndTestsOpenLocalPathsWithIt() throws IOException {
        Configuration hadoop = SharedLocalSpark.session().sparkContext().hadoopConfiguration();
        try (FileSystem fileSystem = FileSystem.newInstance(URI.create("file:///"), hadoop)) {
            assertInstanceOf(PosixLocalFileSystem.class, fileSystem);
        }
    }

    private FileSystem open(Class<? extends FileSystem> type) throws IOException {
        Configuration hadoop = new Configuration();
        hadoop.set("fs.file.impl", type.getName());
        return FileSystem.newInstance(URI.create("file:///"), hadoop);
    }

    private Path path(String name) {
        return new Path(folder.resolve(name).toUri());
    }

    private String permissions(String name) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(name)));
    }
}
