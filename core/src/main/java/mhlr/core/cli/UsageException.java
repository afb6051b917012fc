package mhlr.core.cli;

/**
 * A problem the user can fix by changing the command line, a config key or the input they pointed at:
 * a wrong flag, an unknown key, a protocol file that does not fit. The launcher exits 2 with its message.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
