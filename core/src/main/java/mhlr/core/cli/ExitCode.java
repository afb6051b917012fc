package mhlr.core.cli;

/** The exit codes of every {@code bin/} script. */
public enum ExitCode {
    /** The work is done and its output committed. */
    SUCCESS(0),
    /** The work failed; the cause is on stderr, no output was committed. */
    FAILURE(1),
    /** A usage, config or input error: fix the command or the input and run again. */
    USAGE(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
