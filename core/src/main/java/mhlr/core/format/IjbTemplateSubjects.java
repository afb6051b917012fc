package mhlr.core.format;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import mhlr.core.cli.UsageException;

/**
 * One of IJB's 1:N identification files ({@code *_1N_gallery_G1.csv}, {@code *_1N_gallery_G2.csv},
 * {@code *_1N_probe_mixed.csv}): a header line, then one comma-separated line per image,
 * {@code TEMPLATE_ID,SUBJECT_ID,FILENAME,...}. Only the first two columns are read, as insightface's
 * {@code ijb_1n.py} reads them; a template repeats once per image, in file order.
 *
 * @param templateIds the template of each line
 * @param subjectIds the subject of each line
 */
public record IjbTemplateSubjects(int[] templateIds, int[] subjectIds) {
    /** The header the files start with (the published files carry more columns after these). */
    public static final String HEADER = "TEMPLATE_ID,SUBJECT_ID,FILENAME";

    public IjbTemplateSubjects {
        if (templateIds.length != subjectIds.length) {
            throw new IllegalArgumentException("template and subject ids differ in length");
        }
    }

    /**
     * Reads a file, skipping its header line.
     *
     * @throws UsageException naming the file and line of a line without two integer columns
     */
    public static IjbTemplateSubjects read(Path file) throws IOException {
        int[] templates = new int[1 << 12];
        int[] subjects = new int[1 << 12];
        int n = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line = reader.readLine();
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", 3);
                if (fields.length < 2) {
                    throw new UsageException(file + ":" + number + ": expected 'TEMPLATE_ID,SUBJECT_ID,...', got '"
                            + line + "'");
                }
                if (n == templates.length) {
                    templates = Arrays.copyOf(templates, 2 * n);
                    subjects = Arrays.copyOf(subjects, 2 * n);
                }
                try {
                    templates[n] = Integer.parseInt(fields[0].strip());
                    subjects[n] = Integer.parseInt(fields[1].strip());
                } catch (NumberFormatException e) {
                    throw new UsageException(file + ":" + number + ": TEMPLATE_ID and SUBJECT_ID must be integers,"
                            + " got '" + line + "'");
                }
                n++;
            }
        }
        return new IjbTemplateSubjects(Arrays.copyOf(templates, n), Arrays.copyOf(subjects, n));
    }

    /** Writes the file with {@link #HEADER}, each line naming {@code fileNames[i]}. */
    public void write(Path file, String[] fileNames) throws IOException {
        if (fileNames.length != templateIds.length) {
            throw new IllegalArgumentException(fileNames.length + " file names for " + templateIds.length + " lines");
        }
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            writer.write(HEADER + "\n");
            for (int i = 0; i < templateIds.length; i++) {
                writer.write(templateIds[i] + "," + subjectIds[i] + "," + fileNames[i] + "\n");
            }
        }
    }

    /** Lines in the file. */
    public int size() {
        return templateIds.length;
    }
}
