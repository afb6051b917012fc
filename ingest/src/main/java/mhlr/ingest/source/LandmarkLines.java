package mhlr.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mhlr.core.format.LandmarkFile;
import mhlr.core.skip.BadRecordException;
import mhlr.ingest.record.Outcome;
import org.apache.hadoop.fs.Path;

/** Reads a 5-point landmark file with core's {@link LandmarkFile}, from any Hadoop file system. */
final class LandmarkLines {
    private static final Pattern LINE = Pattern.compile(":(\\d+): ");

    private LandmarkLines() {
    }

    /** Reads the file, refusing a missing one with the config key that names it. */
    static LandmarkFile read(SourceContext context, Path file, String key) {
        context.requireFile(file, "the landmark file (" + key + ")");
        try (DriverCopy local = DriverFiles.local(context.fileSystem(), file)) {
            return LandmarkFile.read(local.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A bad line as a skipped record whose source is {@code FILE:LINE} (the detail keeps core's text). */
    static Outcome skipped(Path file, BadRecordException problem) {
        Matcher line = LINE.matcher(problem.detail());
        String source = file.getName() + (line.find() ? ":" + line.group(1) : "");
        return Outcome.skipped(source, problem);
    }
}
