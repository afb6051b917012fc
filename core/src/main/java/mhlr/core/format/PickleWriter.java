package mhlr.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code (list of bytes, list of bool)} as CPython's C pickler does, byte for byte, so a {@code .bin}
 * written here equals {@code pickle.dump((bins, issame_list), f, protocol=p)}:
 * <ul>
 *   <li>protocol 4 and 5: PROTO, then FRAMEs of at least 64 KiB closed at object boundaries; byte strings of
 *       64 KiB or more outside any frame; memo entries by MEMOIZE;</li>
 *   <li>protocol 2, as Python 2 wrote it: byte strings as SHORT_BINSTRING/BINSTRING, memo entries by
 *       BINPUT/LONG_BINPUT, no frames.</li>
 * </ul>
 * Lists are written as EMPTY_LIST, then MARK ... APPENDS in batches of 1000 (APPEND for a single item). As in
 * Python, where the memo is keyed by object identity, the same {@code byte[]} instance given twice is written
 * once and then fetched from the memo (BINGET/LONG_BINGET).
 */
final class PickleWriter {
    private static final int FRAME_SIZE_TARGET = 64 * 1024;
    private static final int FRAME_SIZE_MIN = 4;
    private static final int FRAME_HEADER_SIZE = 9;
    private static final int BATCH_SIZE = 1000;

    private final OutputStream out;
    private final int protocol;
    private byte[] buffer = new byte[FRAME_SIZE_TARGET * 2];
    private int length;
    private int frameStart = -1;
    private boolean framing;
    private long memoSize;
    /** Memo indices of the byte arrays written so far: Python memoises by identity, so a repeat is a GET. */
    private final Map<byte[], Long> memo = new IdentityHashMap<>();

    PickleWriter(OutputStream out, int protocol) {
        if (protocol != 2 && protocol != 4 && protocol != 5) {
            throw new IllegalArgumentException("pickle protocol must be 2, 4 or 5, got " + protocol);
        }
        this.out = out;
        this.protocol = protocol;
    }

    /** Writes the whole pickle of {@code (images, same)} and flushes it. */
    void dump(List<byte[]> images, boolean[] same) throws IOException {
        write(PickleOpcode.PROTO, protocol);
        framing = protocol >= 4;
        saveBytesList(images);
        boundary();
        saveBoolList(same);
        boundary();
        write(PickleOpcode.TUPLE2);
        memoize();
        boundary();
        write(PickleOpcode.STOP);
        commitFrame();
        framing = false;
        flush();
        out.flush();
    }

    private void saveBytesList(List<byte[]> items) throws IOException {
        write(PickleOpcode.EMPTY_LIST);
        memoize();
        if (items.size() == 1) {
            saveBytes(items.get(0));
            write(PickleOpcode.APPEND);
            return;
        }
        int total = 0;
        while (total < items.size()) {
            write(PickleOpcode.MARK);
            int end = Math.min(items.size(), total + BATCH_SIZE);
            for (; total < end; total++) {
                saveBytes(items.get(total));
            }
            write(PickleOpcode.APPENDS);
        }
    }

    private void saveBoolList(boolean[] items) throws IOException {
        write(PickleOpcode.EMPTY_LIST);
        memoize();
        if (items.length == 1) {
            saveBool(items[0]);
            write(PickleOpcode.APPEND);
            return;
        }
        int total = 0;
        while (total < items.length) {
            write(PickleOpcode.MARK);
            int end = Math.min(items.length, total + BATCH_SIZE);
            for (; total < end; total++) {
                saveBool(items[total]);
            }
            write(PickleOpcode.APPENDS);
        }
    }

    private void saveBool(boolean value) throws IOException {
        write(value ? PickleOpcode.NEWTRUE : PickleOpcode.NEWFALSE);
        boundary();
    }

    private void saveBytes(byte[] data) throws IOException {
        Long seen = memo.get(data);
        if (seen != null) {
            byte[] get = seen < 256 ? new byte[] {(byte) PickleOpcode.BINGET, (byte) (long) seen}
                    : littleEndian(PickleOpcode.LONG_BINGET, seen, 4);
            write(get, 0, get.length);
            boundary();
            return;
        }
        memo.put(data, memoSize);
        byte[] header;
        int size = data.length;
        if (protocol < 3) {
            header = size <= 0xff ? new byte[] {(byte) PickleOpcode.SHORT_BINSTRING, (byte) size}
                    : littleEndian(PickleOpcode.BINSTRING, size, 4);
        } else if (size <= 0xff) {
            header = new byte[] {(byte) PickleOpcode.SHORT_BINBYTES, (byte) size};
        } else {
            header = littleEndian(PickleOpcode.BINBYTES, size, 4);
        }
        if (size >= FRAME_SIZE_TARGET && framing) {
            commitFrame();
            framing = false;
            write(header, 0, header.length);
            flush();
            out.write(data);
            framing = true;
        } else {
            write(header, 0, header.length);
            write(data, 0, size);
        }
        memoize();
        boundary();
    }

    private void memoize() throws IOException {
        if (protocol >= 4) {
            write(PickleOpcode.MEMOIZE);
        } else if (memoSize < 256) {
            write(PickleOpcode.BINPUT, (int) memoSize);
        } else {
            byte[] put = littleEndian(PickleOpcode.LONG_BINPUT, memoSize, 4);
            write(put, 0, put.length);
        }
        memoSize++;
    }

    /** Closes the current frame once it has reached the target size (CPython's opcode boundary). */
    private void boundary() throws IOException {
        if (framing && frameStart >= 0 && length - frameStart - FRAME_HEADER_SIZE >= FRAME_SIZE_TARGET) {
            commitFrame();
            flush();
        }
    }

    private void commitFrame() {
        if (!framing || frameStart < 0) {
            return;
        }
        int frameLength = length - frameStart - FRAME_HEADER_SIZE;
        if (frameLength >= FRAME_SIZE_MIN) {
            buffer[frameStart] = (byte) PickleOpcode.FRAME;
            for (int i = 0; i < 8; i++) {
                buffer[frameStart + 1 + i] = (byte) ((long) frameLength >>> (8 * i));
            }
        } else {
            System.arraycopy(buffer, frameStart + FRAME_HEADER_SIZE, buffer, frameStart, frameLength);
            length -= FRAME_HEADER_SIZE;
        }
        frameStart = -1;
    }

    private void flush() throws IOException {
        if (frameStart < 0 && length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
    }

    private void write(int... opcodeAndArguments) {
        byte[] bytes = new byte[opcodeAndArguments.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) opcodeAndArguments[i];
        }
        write(bytes, 0, bytes.length);
    }

    private void write(byte[] data, int offset, int size) {
        boolean newFrame = framing && frameStart < 0;
        int needed = length + size + (newFrame ? FRAME_HEADER_SIZE : 0);
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
        if (newFrame) {
            frameStart = length;
            length += FRAME_HEADER_SIZE;
        }
        System.arraycopy(data, offset, buffer, length, size);
        length += size;
    }

    private static byte[] littleEndian(int opcode, long value, int size) {
        byte[] bytes = new byte[1 + size];
        bytes[0] = (byte) opcode;
        for (int i = 0; i < size; i++) {
            bytes[1 + i] = (byte) (value >>> (8 * i));
        }
        return bytes;
    }
}
