package mhlr.core.skip;

/**
 * A record that cannot be written, with the reason to list it under and a detail for people
 * (e.g. "JPEG ends after 1,204 of its bytes"). Thrown by decoders and parsers; caught where records
 * are counted, so the run goes on and the record lands in the skipped table.
 */
public final class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final SkipReason reason;

    public BadRecordException(SkipReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public BadRecordException(SkipReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
