package mhlr.core.format;

import static mhlr.core.format.PickleOpcode.APPEND;
import static mhlr.core.format.PickleOpcode.APPENDS;
import static mhlr.core.format.PickleOpcode.BINBYTES;
import static mhlr.core.format.PickleOpcode.BINBYTES8;
import static mhlr.core.format.PickleOpcode.BINGET;
import static mhlr.core.format.PickleOpcode.BINPUT;
import static mhlr.core.format.PickleOpcode.BINSTRING;
import static mhlr.core.format.PickleOpcode.EMPTY_LIST;
import static mhlr.core.format.PickleOpcode.EMPTY_TUPLE;
import static mhlr.core.format.PickleOpcode.FRAME;
import static mhlr.core.format.PickleOpcode.LONG_BINGET;
import static mhlr.core.format.PickleOpcode.LONG_BINPUT;
import static mhlr.core.format.PickleOpcode.MARK;
import static mhlr.core.format.PickleOpcode.MEMOIZE;
import static mhlr.core.format.PickleOpcode.NEWFALSE;
import static mhlr.core.format.PickleOpcode.NEWTRUE;
import static mhlr.core.format.PickleOpcode.PROTO;
import static mhlr.core.format.PickleOpcode.SHORT_BINBYTES;
import static mhlr.core.format.PickleOpcode.SHORT_BINSTRING;
import static mhlr.core.format.PickleOpcode.STOP;
import static mhlr.core.format.PickleOpcode.TUPLE;
import static mhlr.core.format.PickleOpcode.TUPLE1;
import static mhlr.core.format.PickleOpcode.TUPLE2;
import static mhlr.core.format.PickleOpcode.TUPLE3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mhlr.core.cli.UsageException;

/**
 * A pickle machine that understands only what a verification {@code .bin} needs: byte strings (Python 3
 * {@code bytes}, Python 2 {@code str}), {@code True}/{@code False}, lists and tuples, plus the bookkeeping
 * opcodes (PROTO, FRAME, MARK, memo PUT/GET/MEMOIZE, STOP). Any other opcode, GLOBAL, REDUCE, BUILD and the like
 * included, stops the read with a {@link UsageException} naming the file, the opcode and its byte offset. It
 * therefore never looks up a class or calls anything: the result is made of {@code byte[]}, {@link Boolean},
 * {@link List} and {@code Object[]} (tuples) only.
 *
 * <p>A memo fetch (BINGET, LONG_BINGET: two or five bytes) puts a second reference to an object on the stack, and
 * whoever writes the result out writes its bytes again: a small file fetching one large byte string a hundred
 * thousand times would expand to gigabytes. A verification {@code .bin} stores each image once, so byte strings
 * fetched from the memo may add at most as many bytes as the file holds (the result holds at most twice the
 * file's bytes); a pickle that fetches more is refused naming the file and the offset.
 */
final class RestrictedUnpickler {
    /** Stands for a MARK on the stack. */
    private static final Object MARK_OBJECT = new Object();

    private final InputStream in;
    private final String source;
    private final long limit;
    private final List<Object> stack = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private long offset;
    /** Bytes of the byte strings fetched from the memo so far (each fetch counted again). */
    private long fetchedBytes;

    /**
     * @param in the pickle, buffered by the caller
     * @param source the file name for messages
     * @param limit the number of bytes the pickle can hold at most (its file's size), to refuse absurd lengths
     */
    RestrictedUnpickler(InputStream in, String source, long limit) {
        this.in = in;
        this.source = source;
        this.limit = limit;
    }

    /** Runs the pickle to its STOP and returns the one object it built. */
    Object load() throws IOException {
        while (true) {
            long at = offset;
            int opcode = readByte(at);
            switch (opcode) {
                case PROTO -> {
                    int version = readByte(at);
                    if (version > 5) {
                        throw refuse(at, "pickle protocol " + version + " is newer than 5");
                    }
                }
                case FRAME -> readLittleEndian(8, at);
                case STOP -> {
                    if (stack.size() != 1 || stack.get(0) == MARK_OBJECT) {
                        throw refuse(at, "STOP with " + stack.size() + " objects on the stack instead of one");
                    }
                    return stack.get(0);
                }
                case MARK -> stack.add(MARK_OBJECT);
                case EMPTY_LIST -> stack.add(new ArrayList<>());
                case EMPTY_TUPLE -> stack.add(new Object[0]);
                case APPEND -> {
                    Object item = pop(at);
                    list(top(at), at).add(item);
                }
                case APPENDS -> {
                    List<Object> items = popToMark(at);
                    list(top(at), at).addAll(items);
                }
                case TUPLE -> stack.add(popToMark(at).toArray());
                case TUPLE1, TUPLE2, TUPLE3 -> {
                    int size = opcode - TUPLE1 + 1;
                    Object[] tuple = new Object[size];
                    for (int i = size - 1; i >= 0; i--) {
                        tuple[i] = pop(at);
                    }
                    stack.add(tuple);
                }
                case SHORT_BINBYTES, SHORT_BINSTRING -> stack.add(readBytes(readByte(at), at));
                case BINBYTES -> stack.add(readBytes(readLittleEndian(4, at), at));
                case BINSTRING -> stack.add(readBytes(signed32(readLittleEndian(4, at), at), at));
                case BINBYTES8 -> stack.add(readBytes(readLittleEndian(8, at), at));
                case NEWTRUE -> stack.add(Boolean.TRUE);
                case NEWFALSE -> stack.add(Boolean.FALSE);
                case BINPUT -> memo.put((long) readByte(at), top(at));
                case LONG_BINPUT -> memo.put(readLittleEndian(4, at), top(at));
                case MEMOIZE -> memo.put((long) memo.size(), top(at));
                case BINGET -> stack.add(memoGet(readByte(at), at));
                case LONG_BINGET -> stack.add(memoGet(readLittleEndian(4, at), at));
                default -> throw refuse(at, String.format("pickle opcode 0x%02x (%s) is not allowed: a verification"
                        + " .bin holds only lists of bytes and booleans, and this reader builds nothing else%s",
                        opcode, PickleOpcode.name(opcode), opcode == 'c' || opcode == 'R' ? hint() : ""));
            }
        }
    }

    private static String hint() {
        return " (Python 3 writes bytes with GLOBAL/REDUCE only for pickle protocols 0-2: save the .bin with"
                + " protocol 3 or higher)";
    }

    private Object memoGet(long key, long at) {
        Object value = memo.get(key);
        if (value == null) {
            throw refuse(at, "memo entry " + key + " is read before it is written");
        }
        if (value instanceof byte[] bytes) {
            fetchedBytes += bytes.length;
            if (fetchedBytes > limit) {
                throw refuse(at, String.format("memo fetches repeat byte strings for %,d bytes, more than the file's"
                        + " %,d bytes: a verification .bin stores each image once, and this pickle would expand"
                        + " far beyond its size", fetchedBytes, limit));
            }
        }
        return value;
    }

    private int readByte(long at) throws IOException {
        int value = in.read();
        if (value < 0) {
            throw new UsageException(source + ": the pickle ends at byte " + offset + " before its STOP"
                    + " (opcode at byte " + at + "); the file is truncated");
        }
        offset++;
        return value;
    }

    private long readLittleEndian(int size, long at) throws IOException {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) readByte(at) << (8 * i);
        }
        return value;
    }

    private long signed32(long value, long at) {
        long signed = (int) value;
        if (signed < 0) {
            throw refuse(at, "negative string length " + signed);
        }
        return signed;
    }

    private byte[] readBytes(long length, long at) throws IOException {
        if (length < 0 || length > limit - offset || length > Integer.MAX_VALUE - 16) {
            throw refuse(at, "a byte string of " + Long.toUnsignedString(length) + " bytes does not fit in the "
                    + (limit - offset) + " bytes left in the file; the file is truncated or corrupt");
        }
        byte[] data = new byte[(int) length];
        int read = 0;
        while (read < data.length) {
            int n = in.read(data, read, data.length - read);
            if (n < 0) {
                throw new UsageException(source + ": the pickle ends inside the byte string that starts at byte " + at
                        + "; the file is truncated", new EOFException());
            }
            read += n;
        }
        offset += length;
        return data;
    }

    private Object top(long at) {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK_OBJECT) {
            throw refuse(at, "the stack holds no object here");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop(long at) {
        Object value = top(at);
        stack.remove(stack.size() - 1);
        return value;
    }

    private List<Object> popToMark(long at) {
        int mark = stack.lastIndexOf(MARK_OBJECT);
        if (mark < 0) {
            throw refuse(at, "no MARK to pop back to");
        }
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value, long at) {
        if (!(value instanceof List<?>)) {
            throw refuse(at, "appending to something that is not a list");
        }
        return (List<Object>) value;
    }

    private UsageException refuse(long at, String what) {
        return new UsageException(source + ": byte " + at + ": " + what);
    }
}
