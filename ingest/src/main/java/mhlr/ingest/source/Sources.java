package mhlr.ingest.source;

import java.util.List;
import mhlr.core.cli.UsageException;

/** The source of each {@code --format}. */
public final class Sources {
    /** Every format name, in the order help lists them. */
    public static final List<String> FORMATS = List.of("folders", "recordio", "landmarks", "bin", "lfw", "cfp", "ijb");

    private Sources() {
    }

    /**
     * The source for a format name.
     *
     * @throws UsageException for an unknown name, listing the known ones
     */
    public static Source forFormat(String format) {
        return switch (format) {
            case "folders" -> new FolderSource();
            case "recordio" -> new RecordIoSource();
            case "landmarks" -> new LandmarkSource();
            case "bin" -> new VerificationBinSource();
            case "lfw" -> new LfwSource();
            case "cfp" -> new CfpSource();
            case "ijb" -> new IjbSource();
            default -> throw new UsageException("unknown format '" + format + "'; use one of "
                    + String.join(", ", FORMATS));
        };
    }
}
