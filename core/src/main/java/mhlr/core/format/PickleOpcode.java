package mhlr.core.format;

/**
 * The pickle opcodes a verification {@code .bin} may hold, and the names of common others for error messages.
 * Values from CPython's {@code Lib/pickle.py}.
 */
final class PickleOpcode {
    static final int MARK = '(';
    static final int STOP = '.';
    static final int APPEND = 'a';
    static final int APPENDS = 'e';
    static final int EMPTY_LIST = ']';
    static final int EMPTY_TUPLE = ')';
    static final int TUPLE = 't';
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int TUPLE3 = 0x87;
    static final int BINSTRING = 'T';
    static final int SHORT_BINSTRING = 'U';
    static final int BINBYTES = 'B';
    static final int SHORT_BINBYTES = 'C';
    static final int BINBYTES8 = 0x8e;
    static final int NEWTRUE = 0x88;
    static final int NEWFALSE = 0x89;
    static final int BINPUT = 'q';
    static final int LONG_BINPUT = 'r';
    static final int MEMOIZE = 0x94;
    static final int BINGET = 'h';
    static final int LONG_BINGET = 'j';
    static final int PROTO = 0x80;
    static final int FRAME = 0x95;

    private PickleOpcode() {
    }

    /** The opcode's name in pickletools, for messages. */
    static String name(int opcode) {
        return switch (opcode) {
            case MARK -> "MARK";
            case STOP -> "STOP";
            case APPEND -> "APPEND";
            case APPENDS -> "APPENDS";
            case EMPTY_LIST -> "EMPTY_LIST";
            case EMPTY_TUPLE -> "EMPTY_TUPLE";
            case TUPLE -> "TUPLE";
            case TUPLE1 -> "TUPLE1";
            case TUPLE2 -> "TUPLE2";
            case TUPLE3 -> "TUPLE3";
            case BINSTRING -> "BINSTRING";
            case SHORT_BINSTRING -> "SHORT_BINSTRING";
            case BINBYTES -> "BINBYTES";
            case SHORT_BINBYTES -> "SHORT_BINBYTES";
            case BINBYTES8 -> "BINBYTES8";
            case NEWTRUE -> "NEWTRUE";
            case NEWFALSE -> "NEWFALSE";
            case BINPUT -> "BINPUT";
            case LONG_BINPUT -> "LONG_BINPUT";
            case MEMOIZE -> "MEMOIZE";
            case BINGET -> "BINGET";
            case LONG_BINGET -> "LONG_BINGET";
            case PROTO -> "PROTO";
            case FRAME -> "FRAME";
            case 'c' -> "GLOBAL";
            case 0x93 -> "STACK_GLOBAL";
            case 'R' -> "REDUCE";
            case 'b' -> "BUILD";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 'P' -> "PERSID";
            case 'Q' -> "BINPERSID";
            case 0x82 -> "EXT1";
            case 0x83 -> "EXT2";
            case 0x84 -> "EXT4";
            case 'I' -> "INT";
            case 'J' -> "BININT";
            case 'K' -> "BININT1";
            case 'M' -> "BININT2";
            case 'L' -> "LONG";
            case 'F' -> "FLOAT";
            case 'G' -> "BINFLOAT";
            case 'S' -> "STRING";
            case 'V' -> "UNICODE";
            case 'X' -> "BINUNICODE";
            case 0x8c -> "SHORT_BINUNICODE";
            case 'N' -> "NONE";
            case '}' -> "EMPTY_DICT";
            case 's' -> "SETITEM";
            case 'u' -> "SETITEMS";
            case 'd' -> "DICT";
            case 'l' -> "LIST";
            case 'p' -> "PUT";
            case 'g' -> "GET";
            case '0' -> "POP";
            case '1' -> "POP_MARK";
            case '2' -> "DUP";
            case 0x96 -> "BYTEARRAY8";
            case 0x97 -> "NEXT_BUFFER";
            case 0x98 -> "READONLY_BUFFER";
            default -> "unknown";
        };
    }
}
