package mhlr.core.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mhlr.core.cli.UsageException;

/**
 * IJB's {@code *_face_tid_mid.txt}: for every face image (a loose crop), its template and media ids; lines
 * {@code image_name template_id media_id}. Kept in primitive arrays in file order.
 */
public final class IjbFaces {
    private final String[] images;
    private final int[] templates;
    private final int[] media;

    public IjbFaces(String[] images, int[] templates, int[] media) {
        if (images.length != templates.length || images.length != media.length) {
            throw new IllegalArgumentException("images, templates and media differ in length");
        }
        this.images = images;
        this.templates = templates;
        this.media = media;
    }

    /**
     * Reads a face/template/media file.
     *
     * @throws UsageException naming file and line for a malformed line
     */
    public static IjbFaces read(Path file) throws IOException {
        List<String> images = new ArrayList<>();
        int[] templates = new int[1024];
        int[] media = new int[1024];
        try (AsciiLines lines = new AsciiLines(file, false)) {
            while (lines.next()) {
                if (lines.fields() != 3) {
                    throw new UsageException(file + ":" + lines.lineNumber() + ": expected 'image_name template_id"
                            + " media_id', got '" + lines.lineText() + "'");
                }
                int n = images.size();
                if (n == templates.length) {
                    templates = Arrays.copyOf(templates, 2 * n);
                    media = Arrays.copyOf(media, 2 * n);
                }
                try {
                    templates[n] = lines.integer(1);
                    media[n] = lines.integer(2);
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ":" + lines.lineNumber() + ": " + e.getMessage() + " in '"
                            + lines.lineText() + "'");
                }
                images.add(lines.text(0));
            }
        }
        int n = images.size();
        return new IjbFaces(images.toArray(String[]::new), Arrays.copyOf(templates, n), Arrays.copyOf(media, n));
    }

    /** Writes the file (space-separated, as published). */
    public void write(Path file) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < images.length; i++) {
                writer.write(images[i] + " " + templates[i] + " " + media[i] + "\n");
            }
        }
    }

    public int size() {
        return images.length;
    }

    /** The image name of line {@code i}, e.g. {@code 1.jpg} (a file in {@code loose_crop/}). */
    public String image(int i) {
        return images[i];
    }

    public int template(int i) {
        return templates[i];
    }

    public int media(int i) {
        return media[i];
    }

    /** The distinct template ids, sorted. */
    public int[] templateIds() {
        return Arrays.stream(templates).distinct().sorted().toArray();
    }
}
