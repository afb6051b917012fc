package mhlr.train.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exported backbone: architecture plus arrays, independent of ND4J's own serialisation so that any version
 * reads it. Layout (big-endian, {@link DataOutputStream}):
 * <pre>
 *   int    magic 0x4D484C52 ("MHLR"), int version 1
 *   UTF    the {@link BackboneSpec#toProperties()} text
 *   int    number of arrays, then per array:
 *     UTF name, int rank, rank x long shape, product(shape) x float32 values in C order
 * </pre>
 * The arrays are the backbone's trainable parameters and batch-norm running statistics under their
 * {@link NetworkBuilder} names.
 */
final class ModelFile {

    static final int MAGIC = 0x4D484C52;
    static final int VERSION = 1;
    private static final int MAX_RANK = 8;

    private ModelFile() {
    }

    /** Contents of a model file. */
    record Contents(BackboneSpec spec, Map<String, INDArray> arrays) {
    }

    static void write(OutputStream stream, BackboneSpec spec, Map<String, INDArray> arrays) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(spec.toProperties());
        out.writeInt(arrays.size());
        for (Map.Entry<String, INDArray> entry : arrays.entrySet()) {
            INDArray array = entry.getValue();
            out.writeUTF(entry.getKey());
            out.writeInt(array.rank());
            for (long dimension : array.shape()) {
                out.writeLong(dimension);
            }
            float[] values = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
            bytes.asFloatBuffer().put(values);
            out.write(bytes.array());
        }
        out.flush();
    }

    /**
     * @param source names the file or buffer in error messages
     * @throws IOException when the content is not a model file of this version or is cut short
     */
    static Contents read(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new IOException(source + " is not an MHLR-Face model file (magic " + Integer.toHexString(magic)
                        + ")");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(source + " has model-file version " + version + "; this reader knows "
                        + VERSION);
            }
            BackboneSpec spec = BackboneSpec.fromProperties(in.readUTF());
            int count = in.readInt();
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > MAX_RANK) {
                    throw new IOException(source + ": array " + name + " has rank " + rank);
                }
                long[] shape = new long[rank];
                long length = 1;
                boolean fits = true;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                    if (shape[d] < 0 || shape[d] > 0 && length > (Integer.MAX_VALUE / Float.BYTES) / shape[d]) {
                        fits = false;
                    } else {
                        length *= shape[d];
                    }
                }
                if (!fits || length > Integer.MAX_VALUE / Float.BYTES) {
                    throw new IOException(source + ": array " + name + " has shape " + Arrays.toString(shape));
                }
                // Read in steps as the bytes arrive: a header promising more than the file holds fails at its end
                // instead of allocating what it promised.
                byte[] bytes = in.readNBytes((int) length * Float.BYTES);
                if (bytes.length < length * Float.BYTES) {
                    throw new EOFException();
                }
                float[] values = new float[(int) length];
                ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
                arrays.put(name, Nd4j.create(values, shape, 'c'));
            }
            return new Contents(spec, Collections.unmodifiableMap(arrays));
        } catch (EOFException truncated) {
            throw new IOException(source + " is cut short: not a complete model file", truncated);
        } catch (IllegalArgumentException badSpec) {
            throw new IOException(source + ": " + badSpec.getMessage(), badSpec);
        }
    }
}
