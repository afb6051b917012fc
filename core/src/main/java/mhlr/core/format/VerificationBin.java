package mhlr.core.format;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * An insightface verification set ({@code lfw.bin}, {@code cfp_fp.bin}, {@code agedb_30.bin}, ...): the pickle of
 * {@code (bins, issame_list)}, where {@code bins} holds 2N encoded aligned 112x112 faces and pair i is
 * {@code (bins[2i], bins[2i+1])} with {@code issame_list[i]} saying whether both show one person. The pairs are
 * in the protocol's order: 10 contiguous folds.
 *
 * <p>Reading runs a restricted pickle machine ({@link RestrictedUnpickler}) that refuses every opcode except
 * those for bytes, booleans, lists and tuples, so a hostile file cannot make it construct objects. Writing emits
 * exactly what CPython's {@code pickle.dump(..., protocol=4)} would (5 differs only in the protocol byte; 2
 * writes Python 2 strings).
 */
public final class VerificationBin {
    /** The protocol of {@code pickle.HIGHEST_PROTOCOL} in Python 3.4-3.7, which wrote the published files. */
    public static final int DEFAULT_PROTOCOL = 4;

    private final List<byte[]> images;
    private final boolean[] same;

    private VerificationBin(List<byte[]> images, boolean[] same) {
        this.images = images;
        this.same = same;
    }

    /**
     * A set from its images (two per pair, in pair order) and same-person flags.
     *
     * @throws IllegalArgumentException if there are not exactly two images per flag
     */
    public static VerificationBin of(List<byte[]> images, boolean[] same) {
        if (images.size() != 2 * same.length) {
            throw new IllegalArgumentException(images.size() + " images for " + same.length + " pairs; need two per"
                    + " pair");
        }
        return new VerificationBin(List.copyOf(images), same.clone());
    }

    /**
     * Reads a {@code .bin} file.
     *
     * @throws UsageException naming the file when it is not a pickle of (list of bytes, list of bool) with two
     *     images per flag, or holds any opcode beyond those
     */
    public static VerificationBin read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, file.toString(), Files.size(file));
        }
    }

    /** Reads a pickle from a stream of at most {@code limit} bytes; {@code source} names it in messages. */
    public static VerificationBin read(InputStream in, String source, long limit) throws IOException {
        Object loaded = new RestrictedUnpickler(in, source, limit).load();
        List<?> parts = loaded instanceof Object[] tuple ? List.of(tuple) : loaded instanceof List<?> list ? list
                : List.of();
        if (parts.size() != 2 || !(parts.get(0) instanceof List<?> bins) || !(parts.get(1) instanceof List<?> flags)) {
            throw new UsageException(source + ": expected the pickle of a pair (bins, issame_list) of two lists");
        }
        List<byte[]> images = new ArrayList<>(bins.size());
        for (int i = 0; i < bins.size(); i++) {
            if (!(bins.get(i) instanceof byte[] image)) {
                throw new UsageException(source + ": bins[" + i + "] is not a byte string");
            }
            images.add(image);
        }
        boolean[] same = new boolean[flags.size()];
        for (int i = 0; i < same.length; i++) {
            if (!(flags.get(i) instanceof Boolean flag)) {
                throw new UsageException(source + ": issame_list[" + i + "] is not True or False");
            }
            same[i] = flag;
        }
        if (images.size() != 2 * same.length) {
            throw new UsageException(source + ": " + images.size() + " images for " + same.length
                    + " pairs; a verification .bin has two images per pair");
        }
        return new VerificationBin(images, same);
    }

    /** Writes the set with {@link #DEFAULT_PROTOCOL}. */
    public void write(Path file) {
        write(file, DEFAULT_PROTOCOL);
    }

    /** Writes the set as pickle protocol 2 (Python 2 strings), 4 or 5. */
    public void write(Path file, int protocol) {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            write(out, protocol);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes the pickle to a stream. */
    public void write(OutputStream out, int protocol) throws IOException {
        new PickleWriter(out, protocol).dump(images, same);
    }

    /** Number of pairs. */
    public int pairs() {
        return same.length;
    }

    /** Every image, two per pair, in pair order. */
    public List<byte[]> images() {
        return images;
    }

    /** The first image of pair {@code i}. */
    public byte[] left(int i) {
        return images.get(2 * i);
    }

    /** The second image of pair {@code i}. */
    public byte[] right(int i) {
        return images.get(2 * i + 1);
    }

    /** Whether pair {@code i} shows one person twice. */
    public boolean same(int i) {
        return same[i];
    }

    /**
     * The fold (0-based) of pair {@code i} when the pairs are cut into {@code folds} contiguous folds as
     * scikit-learn's {@code KFold(n_splits=folds, shuffle=False)} cuts them (the first {@code pairs % folds} folds
     * one pair longer), which insightface's verification uses.
     */
    public int fold(int i, int folds) {
        int base = same.length / folds;
        int longer = same.length % folds;
        int boundary = longer * (base + 1);
        return i < boundary ? i / (base + 1) : longer + (i - boundary) / base;
    }
}
