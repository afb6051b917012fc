package mhlr.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One paragraph of a Zeppelin note: its text starts with the interpreter ({@code %spark.sql}, {@code %md}, ...,
 * optionally with local properties in parentheses); without one it runs on the note's default interpreter.
 *
 * @param id Zeppelin's paragraph id
 * @param title the title shown above it (may be empty)
 * @param text the whole text, interpreter line included
 * @param config the paragraph's {@code config} object (editor, result display settings)
 */
record ZeppelinParagraph(String id, String title, String text, JsonNode config) {
    private static final Pattern INTERPRETER = Pattern.compile("^\\s*%([\\w.-]+)(\\([^)]*\\))?(\\s|$)");

    /** The interpreter named on the first line ({@code spark.sql}), if any. */
    Optional<String> interpreter() {
        Matcher prefix = INTERPRETER.matcher(text);
        return prefix.find() ? Optional.of(prefix.group(1)) : Optional.empty();
    }

    /** True for the Spark SQL interpreter: {@code %spark.sql}, or {@code %sql} in a note of the spark group. */
    boolean isSql() {
        return interpreter().filter(name -> name.equals("sql") || name.equals("spark.sql")).isPresent();
    }

    /** The text the interpreter receives: everything after the interpreter name and its properties. */
    String body() {
        Matcher prefix = INTERPRETER.matcher(text);
        return prefix.find() ? text.substring(prefix.end()) : text;
    }

    /** A name for messages: the title, else the id. */
    String label() {
        return title.isBlank() ? id : title;
    }

    /**
     * The columns each chart setting refers to, by result index (one result per statement that returns a table): the
     * names under {@code keys}, {@code values} and {@code groups}, and the scatter chart's axes. Empty for a table.
     */
    List<List<String>> chartColumns() {
        List<List<String>> byResult = new ArrayList<>();
        JsonNode results = config.path("results");
        for (int index = 0; results.has(String.valueOf(index)); index++) {
            JsonNode graph = results.path(String.valueOf(index)).path("graph");
            List<String> names = new ArrayList<>();
            for (String part : List.of("keys", "values", "groups")) {
                graph.path(part).forEach(column -> names.add(column.path("name").asText()));
            }
            graph.path("setting").path("scatterChart").forEach(axis -> {
                if (axis.has("name")) {
                    names.add(axis.path("name").asText());
                }
            });
            byResult.add(names);
        }
        return byResult;
    }
}
