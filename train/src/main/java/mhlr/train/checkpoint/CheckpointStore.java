package mhlr.train.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.cli.UsageException;

/**
 * The checkpoints of a run in one directory. {@link #save} writes a checkpoint into a hidden temporary directory,
 * forces every file to disk, renames the directory to {@code step-NNNNNNNNNNNN} in one step and then deletes all
 * but the newest {@code keep}; {@link #loadNewest} reads the newest complete one (falling back to an older one if
 * the newest cannot be read).
 */
public final class CheckpointStore {
    static final String PARAMETERS = "parameters.bin";
    static final String OPTIMIZER = "optimizer.bin";
    static final String STATE = "state.json";
    static final String CONFIG = "config.conf";
    private static final Pattern NAME = Pattern.compile("step-(\\d{12})");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path directory;
    private final int keep;

    /**
     * @param keep how many of the newest checkpoints to keep (at least 1)
     */
    public CheckpointStore(Path directory, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("train.checkpoint.keep must be at least 1, got " + keep);
        }
        this.directory = directory;
        this.keep = keep;
    }

    public Path directory() {
        return directory;
    }

    /** Writes a checkpoint atomically and prunes old ones; returns its directory. */
    public Path save(Checkpoint checkpoint) {
        long step = checkpoint.state().step();
        Path target = directory.resolve(name(step));
        Path temporary = directory.resolve("." + name(step) + ".partial");
        try {
            Files.createDirectories(directory);
            AtomicOutput.deleteRecursively(temporary);
            Files.createDirectories(temporary);
            ArrayFile.write(temporary.resolve(PARAMETERS), checkpoint.parameters());
            ArrayFile.write(temporary.resolve(OPTIMIZER), checkpoint.optimizer());
            Files.writeString(temporary.resolve(CONFIG), checkpoint.config(), StandardCharsets.UTF_8);
            Files.write(temporary.resolve(STATE), JSON.writeValueAsBytes(checkpoint.state()));
            for (String file : List.of(PARAMETERS, OPTIMIZER, CONFIG, STATE)) {
                force(temporary.resolve(file), false);
            }
            force(temporary, true);
            if (Files.exists(target)) {
                AtomicOutput.deleteRecursively(target);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            force(directory, true);
            prune();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target, e);
        }
    }

    /** The complete checkpoints, oldest first. */
    public List<Path> complete() {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (NAME.matcher(entry.getFileName().toString()).matches() && Files.isDirectory(entry)) {
                    found.add(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        found.sort(Comparator.comparingLong(CheckpointStore::stepOf));
        return found;
    }

    /**
     * The newest checkpoint that reads back completely, or empty when there is none at all.
     *
     * @param warnings told about each newer checkpoint that could not be read and was passed over
     * @throws UsageException when checkpoints exist but none can be read (a format change, a damaged disk): a
     *     resume must not silently start over and overwrite the run's logs; the message names each and why
     */
    public Optional<Checkpoint> loadNewest(java.util.function.Consumer<String> warnings) {
        List<Path> all = complete();
        List<String> failures = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(load(all.get(i)));
            } catch (IOException | RuntimeException e) {
                failures.add(all.get(i).getFileName() + " (" + e.getMessage() + ")");
                warnings.accept("checkpoint " + all.get(i) + " cannot be read (" + e.getMessage()
                        + "); trying an older one");
            }
        }
        if (!failures.isEmpty()) {
            throw new UsageException("none of the " + failures.size() + " checkpoints in " + directory
                    + " can be read, so the run cannot be resumed and nothing was changed: "
                    + String.join("; ", failures));
        }
        return Optional.empty();
    }

    /** Reads one checkpoint directory. */
    public static Checkpoint load(Path checkpoint) throws IOException {
        TrainingState state = JSON.readValue(checkpoint.resolve(STATE).toFile(), TrainingState.class);
        if (state.format() != TrainingState.FORMAT) {
            throw new IOException(checkpoint + " has format " + state.format() + ", this trainer reads "
                    + TrainingState.FORMAT);
        }
        return new Checkpoint(state, ArrayFile.read(checkpoint.resolve(PARAMETERS)),
                ArrayFile.read(checkpoint.resolve(OPTIMIZER)),
                Files.readString(checkpoint.resolve(CONFIG), StandardCharsets.UTF_8));
    }

    /** Removes what killed runs left half-written. */
    public void removeIncomplete() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".step-*.partial")) {
            for (Path entry : entries) {
                AtomicOutput.deleteRecursively(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + directory, e);
        }
    }

    private void prune() throws IOException {
        List<Path> all = complete();
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicOutput.deleteRecursively(all.get(i));
        }
    }

    static String name(long step) {
        return String.format("step-%012d", step);
    }

    static long stepOf(Path checkpoint) {
        Matcher matcher = NAME.matcher(checkpoint.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a checkpoint directory");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static void force(Path path, boolean directory) {
        try (FileChannel channel = FileChannel.open(path, directory ? StandardOpenOption.READ
                : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw new UncheckedIOException("cannot sync " + path, e);
            }
        }
    }
}
