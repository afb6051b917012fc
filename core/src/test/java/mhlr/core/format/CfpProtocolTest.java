package mhlr.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfpProtocolTest {
    private static final List<String> FRONTAL = List.of("Data/Images/001/frontal/01.jpg",
            "Data/Images/001/frontal/02.jpg", "Data/Images/002/frontal/01.jpg", "Data/Images/002/frontal/02.jpg");
    private static final List<String> PROFILE = List.of("Data/Images/001/profile/01.jpg",
            "Data/Images/002/profile/01.jpg");

    @TempDir
    Path root;

    private static List<FacePair> frontalFrontal() {
        List<FacePair> pairs = new ArrayList<>();
        for (int fold = 0; fold < 10; fold++) {
            pairs.add(new FacePair(FRONTAL.get(fold % 2 * 2), FRONTAL.get(fold % 2 * 2 + 1), true, fold));
            pairs.add(new FacePair(FRONTAL.get(0), FRONTAL.get(2 + fold % 2), false, fold));
        }
        return pairs;
    }

    private static List<FacePair> frontalProfile() {
        List<FacePair> pairs = new ArrayList<>();
        for (int fold = 0; fold < 10; fold++) {
            pairs.add(new FacePair(FRONTAL.get(1), PROFILE.get(0), true, fold));
            pairs.add(new FacePair(FRONTAL.get(3), PROFILE.get(0), false, fold));
        }
        return pairs;
    }

    @Test
    void readsBackTheOriginalLayout() throws IOException {
        CfpProtocol.write(root, FRONTAL, PROFILE, frontalFrontal(), frontalProfile());
        assertEquals("1 ../Data/Images/001/frontal/01.jpg",
                Files.readAllLines(root.resolve("Protocol/Pair_list_F.txt")).get(0));
        assertEquals(List.of("1,2"), Files.readAllLines(root.resolve("Protocol/Split/FF/01/same.txt")));
        CfpProtocol protocol = CfpProtocol.read(root);
        assertEquals(FRONTAL, protocol.frontalImages());
        assertEquals(PROFILE, protocol.profileImages());
        assertEquals(frontalFrontal(), protocol.frontalFrontal());
        assertEquals(frontalProfile(), protocol.frontalProfile());
    }

    @Test
    void acceptsRenamedListsPathsWithoutDotDotAndUnpaddedFolds() throws IOException {
        CfpProtocol.write(root, FRONTAL, PROFILE, frontalFrontal(), frontalProfile());
        Path protocol = root.resolve("Protocol");
        Files.writeString(protocol.resolve("pair_list_frontal.txt"),
                Files.readString(protocol.resolve("Pair_list_F.txt")).replace("../", ""));
        Files.delete(protocol.resolve("Pair_list_F.txt"));
        Files.move(protocol.resolve("Pair_list_P.txt"), protocol.resolve("cfp_list_P.txt"));
        Files.move(protocol.resolve("Split/FP/01"), protocol.resolve("Split/FP/1"));
        Files.move(protocol.resolve("Split/FF"), protocol.resolve("Split/ff"));
        Files.writeString(protocol.resolve("Split/FP/1/same.txt"), "2, 1\n\n");
        CfpProtocol read = CfpProtocol.read(root);
        assertEquals(FRONTAL, read.frontalImages());
        assertEquals(frontalFrontal(), read.frontalFrontal());
        assertEquals(frontalProfile(), read.frontalProfile());
    }

    @Test
    void anIndexOutsideTheListNamesFileAndLine() throws IOException {
        CfpProtocol.write(root, FRONTAL, PROFILE, frontalFrontal(), frontalProfile());
        Path diff = root.resolve("Protocol/Split/FP/03/diff.txt");
        Files.writeString(diff, "4,1\n4,3\n");
        UsageException e = assertThrows(UsageException.class, () -> CfpProtocol.read(root));
        assertEquals(diff + ":2: index 3 is outside the list's 1..2 in '4,3'", e.getMessage());
    }

    @Test
    void aMissingOrAmbiguousListIsAUsageError() throws IOException {
        CfpProtocol.write(root, FRONTAL, PROFILE, frontalFrontal(), frontalProfile());
        Path protocol = root.resolve("Protocol");
        Files.move(protocol.resolve("Pair_list_P.txt"), protocol.resolve("a_list_P.txt"));
        Files.copy(protocol.resolve("a_list_P.txt"), protocol.resolve("b_list_P.txt"));
        UsageException e = assertThrows(UsageException.class, () -> CfpProtocol.read(root));
        assertTrue(e.getMessage().contains("expected one profile image list"), e.getMessage());
        assertTrue(assertThrows(UsageException.class, () -> CfpProtocol.read(root.resolve("Protocol")))
                .getMessage().contains("no Protocol/ directory"));
    }
}
