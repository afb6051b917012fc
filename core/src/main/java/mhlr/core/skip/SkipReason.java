package mhlr.core.skip;

/** Why a record was read but not written. Each skipped record is listed with one of these. */
public enum SkipReason {
    EMPTY_FILE("empty file"),
    NOT_AN_IMAGE("not an image"),
    CORRUPT_IMAGE("corrupt image"),
    TRUNCATED_IMAGE("truncated image"),
    UNREADABLE_PATH("unreadable path"),
    BAD_LANDMARK_LINE("bad landmark line"),
    BAD_RECORD("bad RecordIO record"),
    MISSING_PAIR_IMAGE("pair names an image that is not there"),
    DUPLICATE("exact duplicate of a written image"),
    FILTERED("left out by a filter"),
    OUTSIDE_ROOT("names a file outside the input root"),
    NOT_A_REGULAR_FILE("not a regular file (a device, pipe or socket)"),
    IMAGE_TOO_LARGE("image would decode to more pixels than the budget");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** The reason as people read it in the skipped table. */
    public String description() {
        return description;
    }

    /** The reason's stable name in the skipped table, e.g. {@code corrupt_image}. */
    public String code() {
        return name().toLowerCase();
    }
}
