package mhlr.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes of every sample format are pinned: bin/make-sample-data, the demo and the tests that read its output
 * rely on them staying the same, so a refactoring of the writers must keep these hashes (SHA-256 over each
 * format's files, in path order, with their relative paths). A format written alone is the same as written with
 * all the others.
 */
class SampleDataBytesTest {
    private static final Map<SampleFormat, String> EXPECTED = Map.of(
            SampleFormat.FOLDERS, "2185098dcffa072b81558dbe051be09825d9069ef21e945e0793b8a6deee5549",
            SampleFormat.RECORDIO, "a8fe6c9883f79e9dae53737c915b39a1dd1be8f6003fff5136186a34c957d62c",
            SampleFormat.LANDMARKS, "1668e64f009ff774fd9bf10b55b386739bf8204127102f6ec1c1dce16ef72c7c",
            SampleFormat.LFW, "b6d275780d13d55535fd4e3e50111ae23b5e99a10510456e70e7830332c0fd50",
            SampleFormat.VERIFICATION, "af780949d7420980e1cca76713a24570b33cbb2e675656d50eaae16aabf04f04",
            SampleFormat.CFP, "79fe3ec2460b613f158407f93cf503cbaabb3f33213be671bf5afb3c277ec4fb",
            SampleFormat.IJB, "91a3ffe1ddcbe0257068e77babb344858bb1de74074a30f1e9ec8e8368c8dc1d");
    private static final String README = "cf89ac38c9bb3a3193855bdcbcab8253eaf209ecbd26f88bd3f9db55caac5e0d";

    @TempDir
    Path directory;

    @Test
    void everyFormatWritesTheBytesItAlwaysHas() throws IOException {
        Path all = directory.resolve("all");
        writer(EnumSet.allOf(SampleFormat.class)).write(all);
        for (SampleFormat format : SampleFormat.values()) {
            assertEquals(EXPECTED.get(format), hash(all, all.resolve(format.directory())), format.directory());
        }
        assertEquals(README, hash(all, all.resolve(SampleDataWriter.README)), SampleDataWriter.README);
    }

    @Test
    void aFormatWrittenAloneHasTheSameBytes() throws IOException {
        for (SampleFormat format : SampleFormat.values()) {
            Path alone = directory.resolve(format.directory());
            writer(EnumSet.of(format)).write(alone);
            assertEquals(EXPECTED.get(format), hash(alone, alone.resolve(format.directory())), format.directory());
        }
    }

    private static SampleDataWriter writer(EnumSet<SampleFormat> formats) {
        return SampleDataWriter.builder().identities(6).imagesPerIdentity(3).seed(11).photoSize(96).threads(2)
                .formats(formats).build();
    }

    /** SHA-256 over the regular files under {@code start}, in path order, each preceded by its path. */
    private static String hash(Path root, Path start) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(start)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
