package mhlr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Zeppelin note as Zeppelin 0.9 and later save it ({@code .zpln}, JSON): a name, an id, the default interpreter
 * group and the paragraphs in order.
 */
record ZeppelinNote(Path file, String name, String id, String defaultInterpreterGroup,
        List<ZeppelinParagraph> paragraphs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a note.
     *
     * @throws IllegalArgumentException naming the file when it is not a note
     */
    static ZeppelinNote read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage(), e);
        }
        for (String field : List.of("name", "id", "paragraphs")) {
            if (!root.has(field)) {
                throw new IllegalArgumentException(file + " is not a Zeppelin note: it has no '" + field + "'");
            }
        }
        List<ZeppelinParagraph> paragraphs = new ArrayList<>();
        for (JsonNode paragraph : root.path("paragraphs")) {
            paragraphs.add(new ZeppelinParagraph(paragraph.path("id").asText(), paragraph.path("title").asText(""),
                    paragraph.path("text").asText(""), paragraph.path("config")));
        }
        return new ZeppelinNote(file, root.path("name").asText(), root.path("id").asText(),
                root.path("defaultInterpreterGroup").asText(""), List.copyOf(paragraphs));
    }

    /** Every {@code .zpln} under {@code directory}, sorted by path. */
    static List<ZeppelinNote> readAll(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".zpln")).sorted()
                    .map(ZeppelinNote::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    /** The paragraphs the Spark SQL interpreter runs, in order. */
    List<ZeppelinParagraph> sqlParagraphs() {
        return paragraphs.stream().filter(ZeppelinParagraph::isSql).toList();
    }
}
