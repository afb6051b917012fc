package mhlr.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationBinTest {
    /**
     * Builds the same content as {@link #content} in Python for each argument "spec/protocol" and prints each
     * pickle after its length (8 bytes, little-endian).
     */
    private static final String PYTHON_DUMP = String.join("\n",
            "import pickle, struct, sys",
            "for argument in sys.argv[1:]:",
            "    spec, protocol = argument.split('/')",
            "    sizes = []",
            "    for part in spec.split(','):",
            "        count, size = part.split(':')",
            "        sizes += [int(size)] * int(count)",
            "    bins = [bytes((i * 7 + j) % 251 for j in range(n)) for i, n in enumerate(sizes)]",
            "    issame = [i % 3 == 0 for i in range(len(sizes) // 2)]",
            "    data = pickle.dumps((bins, issame), protocol=int(protocol))",
            "    sys.stdout.buffer.write(struct.pack('<q', len(data)) + data)");

    @TempDir
    Path directory;

    private static final String[] PYTHON_CASES = {"8:300/4", "8:300/5", "2:5/4", "800:200/4", "800:200/5",
        "6:300,1:70000,1:5/4", "6:300,1:70000,1:5/5", "2500:20/4", "140000:2/4", "2:4/2"};
    private static Map<String, byte[]> pythonPickles;

    /** Python's pickles of every case, made in one run (starting python3 is slow on a busy machine). */
    private static synchronized Map<String, byte[]> pythonPickles() throws Exception {
        if (pythonPickles == null) {
            Optional<Path> python = Python.find();
            Assumptions.assumeTrue(python.isPresent(), "python3 not on the PATH");
            ByteBuffer output = ByteBuffer.wrap(Python.run(python.get(), PYTHON_DUMP, PYTHON_CASES))
                    .order(ByteOrder.LITTLE_ENDIAN);
            Map<String, byte[]> pickles = new LinkedHashMap<>();
            for (String argument : PYTHON_CASES) {
                byte[] pickle = new byte[(int) output.getLong()];
                output.get(pickle);
                pickles.put(argument, pickle);
            }
            pythonPickles = pickles;
        }
        return pythonPickles;
    }

    @Test
    void writesExactlyWhatPythonsPickleWrites() throws Exception {
        for (Map.Entry<String, byte[]> entry : pythonPickles().entrySet()) {
            String[] specAndProtocol = entry.getKey().split("/");
            int protocol = Integer.parseInt(specAndProtocol[1]);
            if (protocol < 4) {
                continue;
            }
            byte[] expected = entry.getValue();
            byte[] written = bytes(content(specAndProtocol[0]), protocol);
            assertTrue(Arrays.equals(expected, written), entry.getKey() + ": " + expected.length + " bytes from"
                    + " Python, " + written.length + " from Java, first difference at "
                    + Arrays.mismatch(expected, written));
            assertEquals(content(specAndProtocol[0]).pairs(), read(expected).pairs());
        }
    }

    @Test
    void readsBackWhatItWritesInEveryProtocol() throws IOException {
        VerificationBin original = content("6:300,1:70000,1:5,1200:3");
        for (int protocol : new int[] {2, 4, 5}) {
            Path file = directory.resolve("p" + protocol + ".bin");
            original.write(file, protocol);
            VerificationBin read = VerificationBin.read(file);
            assertEquals(original.pairs(), read.pairs());
            for (int i = 0; i < original.pairs(); i++) {
                assertArrayEquals(original.left(i), read.left(i));
                assertArrayEquals(original.right(i), read.right(i));
                assertEquals(original.same(i), read.same(i));
            }
        }
    }

    @Test
    void theSameImageObjectTwiceIsWrittenOnceAndFetchedFromTheMemo() throws IOException {
        byte[] image = {1, 2, 3};
        VerificationBin bin = VerificationBin.of(List.of(image, image), new boolean[] {true});
        byte[] pickle = bytes(bin, 4);
        byte[] expected = {(byte) 0x80, 4, (byte) 0x95, 19, 0, 0, 0, 0, 0, 0, 0, ']', (byte) 0x94, '(', 'C', 3, 1, 2,
            3, (byte) 0x94, 'h', 1, 'e', ']', (byte) 0x94, (byte) 0x88, 'a', (byte) 0x86, (byte) 0x94, '.'};
        assertArrayEquals(expected, pickle);
        assertArrayEquals(image, read(pickle).right(0));
    }

    @Test
    void readsAPython2PickleWithBinstringsAndBinputs() throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '(', 'U', 2, 'a', 'b', 'q', 1, 'T', 3, 0, 0, 0,
            'c', 'd', 'e', 'q', 2, 'e', ']', 'q', 3, (byte) 0x88, 'a', (byte) 0x86, 'q', 4, '.'});
        VerificationBin bin = read(pickle.toByteArray());
        assertEquals(1, bin.pairs());
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), bin.left(0));
        assertArrayEquals("cde".getBytes(StandardCharsets.US_ASCII), bin.right(0));
        assertTrue(bin.same(0));
    }

    @Test
    void refusesGlobalsAndReducesNamingTheOpcodeAndOffset() {
        byte[] global = "\u0080\u0002cos\nsystem\n(S'echo hacked'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
        UsageException e = assertThrows(UsageException.class, () -> read(global));
        assertTrue(e.getMessage().contains("evil.bin: byte 2: pickle opcode 0x63 (GLOBAL) is not allowed"),
                e.getMessage());
        byte[] stackGlobal = {(byte) 0x80, 4, (byte) 0x8c, 1, 'x', (byte) 0x8c, 1, 'y', (byte) 0x93, '.'};
        UsageException unicode = assertThrows(UsageException.class, () -> read(stackGlobal));
        assertTrue(unicode.getMessage().contains("byte 2: pickle opcode 0x8c (SHORT_BINUNICODE)"),
                unicode.getMessage());
        byte[] reduce = {(byte) 0x80, 4, ']', ')', 'R', '.'};
        assertTrue(assertThrows(UsageException.class, () -> read(reduce)).getMessage().contains("(REDUCE)"));
    }

    @Test
    void refusesPython3Protocol2BytesWhichNeedACodecsGlobal() throws Exception {
        byte[] pickle = pythonPickles().get("2:4/2");
        UsageException e = assertThrows(UsageException.class, () -> read(pickle));
        assertTrue(e.getMessage().contains("GLOBAL") && e.getMessage().contains("protocol 3 or higher"),
                e.getMessage());
    }

    @Test
    void refusesTruncatedFilesAndWrongShapes() throws IOException {
        byte[] whole = bytes(content("4:40"), 4);
        UsageException truncated = assertThrows(UsageException.class,
                () -> read(Arrays.copyOf(whole, whole.length - 30)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());

        byte[] oddCount = {(byte) 0x80, 4, ']', '(', 'C', 1, 'a', 'C', 1, 'b', 'C', 1, 'c', 'e', ']', (byte) 0x88,
            'a', (byte) 0x86, '.'};
        assertTrue(assertThrows(UsageException.class, () -> read(oddCount)).getMessage()
                .contains("3 images for 1 pairs"));
        byte[] bytesAsFlags = {(byte) 0x80, 4, ']', '(', 'C', 1, 'a', 'C', 1, 'b', 'e', ']', 'C', 1, 'x', 'a',
            (byte) 0x86, '.'};
        assertTrue(assertThrows(UsageException.class, () -> read(bytesAsFlags)).getMessage()
                .contains("issame_list[0] is not True or False"));
        byte[] hugeLength = {(byte) 0x80, 4, ']', 'B', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '.'};
        assertTrue(assertThrows(UsageException.class, () -> read(hugeLength)).getMessage()
                .contains("does not fit"));
    }

    @Test
    void aMemoBombThatFetchesOneLargeImageOverAndOverIsRefusedNamingTheFile() {
        byte[] bomb = memoBomb(100_000, 49_999);
        assertTrue(bomb.length < 300_000, "a small file: " + bomb.length + " bytes");
        UsageException e = assertThrows(UsageException.class, () -> read(bomb));
        assertTrue(e.getMessage().startsWith("evil.bin: byte ") && e.getMessage().contains("memo fetches repeat"),
                e.getMessage());
    }

    /**
     * A pickle of {@code ([image, image, ...], [True, ...])} whose one {@code imageBytes} image is stored once and
     * fetched from the memo {@code fetches} times (two bytes each): {@code imageBytes * fetches} bytes of images.
     */
    static byte[] memoBomb(int imageBytes, int fetches) {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(new byte[] {(byte) 0x80, 4, ']', '(', 'B', (byte) imageBytes, (byte) (imageBytes >> 8),
            (byte) (imageBytes >> 16), (byte) (imageBytes >> 24)});
        pickle.writeBytes(new byte[imageBytes]);
        pickle.writeBytes(new byte[] {'q', 0});
        for (int i = 0; i < fetches; i++) {
            pickle.writeBytes(new byte[] {'h', 0});
        }
        pickle.writeBytes(new byte[] {'e', ']', '('});
        for (int i = 0; i < (fetches + 1) / 2; i++) {
            pickle.write(0x88);
        }
        pickle.writeBytes(new byte[] {'e', (byte) 0x86, '.'});
        return pickle.toByteArray();
    }

    @Test
    void foldsAreContiguousLikeScikitLearnKFold() {
        VerificationBin bin = content("24:1");
        int[] folds = new int[12];
        for (int i = 0; i < 12; i++) {
            folds[i] = bin.fold(i, 10);
        }
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9}, folds);
        assertFalse(bin.same(1));
    }

    /** The content {@link #PYTHON_DUMP} builds from the same spec ("count:size,..."). */
    private static VerificationBin content(String spec) {
        List<byte[]> images = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] countAndSize = part.split(":");
            for (int k = 0; k < Integer.parseInt(countAndSize[0]); k++) {
                int i = images.size();
                byte[] image = new byte[Integer.parseInt(countAndSize[1])];
                for (int j = 0; j < image.length; j++) {
                    image[j] = (byte) ((i * 7 + j) % 251);
                }
                images.add(image);
            }
        }
        boolean[] same = new boolean[images.size() / 2];
        for (int i = 0; i < same.length; i++) {
            same[i] = i % 3 == 0;
        }
        return VerificationBin.of(images, same);
    }

    private static byte[] bytes(VerificationBin bin, int protocol) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bin.write(out, protocol);
        return out.toByteArray();
    }

    private static VerificationBin read(byte[] pickle) throws IOException {
        return VerificationBin.read(new ByteArrayInputStream(pickle), "evil.bin", pickle.length);
    }
}
