package mhlr.evaluate.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;

/**
 * Writes the synthetic IJB-C-sized protocol of {@link IjbScaleBench} to disk as IJB's own files
 * ({@code DIR/meta/ijbc_*.txt}) and its features as {@code DIR/ijbc.npy} ([469375, 512] float32), so that
 * {@code bin/evaluate --embeddings DIR/ijbc.npy --data DIR --output OUT --set evaluate.write-scores=false} can be
 * timed end to end. Argument: the directory (created).
 */
public final class WriteSyntheticIjb {
    private WriteSyntheticIjb() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        SyntheticIjb protocol = SyntheticIjb.ijbc(1);
        int n = protocol.templateIds().length;
        String[] images = new String[n];
        Map<String, FaceLandmarks> landmarks = new HashMap<>();
        for (int i = 0; i < n; i++) {
            images[i] = (i + 1) + ".jpg";
            landmarks.put(images[i], new FaceLandmarks(new float[10], protocol.detectorScores()[i]));
        }
        IjbMeta.write(root, "ijbc", new IjbFaces(images, protocol.templateIds(), protocol.mediaIds()),
                new IjbTemplatePairs(protocol.leftIds(), protocol.rightIds(), protocol.same()), landmarks);
        int columns = protocol.features().columns();
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + columns + "), }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(root.resolve("ijbc.npy")), 1 << 20)) {
            ByteBuffer preamble = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            preamble.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
            out.write(preamble.array());
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            float[] row = new float[columns];
            ByteBuffer bytes = ByteBuffer.allocate(columns * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                protocol.features().row(i, row);
                bytes.clear();
                bytes.asFloatBuffer().put(row);
                out.write(bytes.array());
            }
        }
    }
}
