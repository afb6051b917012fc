package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mhlr.spark.SharedLocalSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Zeppelin notes in {@code notebooks/}: each parses, sets the output directory in one paragraph only, and every
 * one of its Spark SQL paragraphs runs against the demo's outputs as Zeppelin would run it (the output form filled
 * in, the text split into statements, the statements run in order on one session per note). Every statement that
 * returns a table must return rows. Zeppelin shows one result per such statement (a DDL statement shows none), and
 * the chart settings of result i must name columns of the i-th table.
 */
class NotebookQueriesTest {
    /** The dynamic form every note reads the output directory from. */
    static final String OUTPUT_FORM = "output";
    /** The rows Zeppelin shows by default ({@code zeppelin.spark.maxResult}); it fetches one more. */
    private static final int MAX_RESULT = 1000;

    /** SQL or Scala that reads files rather than views. */
    private static final Pattern READS_FILES =
            Pattern.compile("(?i)\\bOPTIONS\\s*\\(|\\b(parquet|json|text|csv|orc)\\s*\\.\\s*`|\\.read\\b");

    private static final Path NOTEBOOKS = DemoRun.checkout().resolve("notebooks");

    @Test
    void theThreeNotesParseAsSparkNotes() {
        List<ZeppelinNote> notes = ZeppelinNote.readAll(NOTEBOOKS);
        assertEquals(List.of("Dataset", "Training", "Verification"), notes.stream().map(ZeppelinNote::name).toList());
        for (ZeppelinNote note : notes) {
            assertEquals("spark", note.defaultInterpreterGroup(), note.file().toString());
            assertTrue(note.file().getFileName().toString().equals(note.name() + "_" + note.id() + ".zpln"),
                    note.file() + ": Zeppelin loads a note directory's files only when named NAME_ID.zpln");
            assertFalse(note.sqlParagraphs().isEmpty(), note.file() + " has no SQL paragraph");
            for (ZeppelinParagraph paragraph : note.paragraphs()) {
                assertFalse(paragraph.id().isBlank(), note.file() + ": a paragraph has no id");
                assertTrue(paragraph.config().path("editorSetting").has("language"),
                        note.file() + ": " + paragraph.label() + " has no editor setting");
            }
        }
    }

    @Test
    void eachNoteReadsItsFilesInItsFirstSqlParagraphOnly() {
        for (ZeppelinNote note : ZeppelinNote.readAll(NOTEBOOKS)) {
            ZeppelinParagraph outputs = note.sqlParagraphs().get(0);
            assertTrue(outputs.body().contains("${" + OUTPUT_FORM),
                    note.file() + ": the first SQL paragraph does not take the output directory");
            for (ZeppelinParagraph paragraph : note.paragraphs()) {
                if (paragraph == outputs) {
                    continue;
                }
                assertFalse(paragraph.text().contains("${"), note.file() + ": " + paragraph.label()
                        + " has a form of its own; only the first SQL paragraph takes the output directory");
                boolean code = paragraph.interpreter().filter(name -> name.equals("md")).isEmpty();
                assertFalse(code && READS_FILES.matcher(paragraph.body()).find(), note.file() + ": "
                        + paragraph.label() + " reads files; only the first SQL paragraph should");
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> everySqlParagraphRunsOnTheDemoOutputs() {
        DemoRun demo = DemoRun.shared();
        Assumptions.assumeTrue(demo.exitCode() == 0, "bin/demo failed (QuickStartTest says how)");
        SparkSession spark = SharedLocalSpark.session();
        Map<String, String> forms = Map.of(OUTPUT_FORM, demo.output().toString());
        return ZeppelinNote.readAll(NOTEBOOKS).stream().map(note -> {
            SparkSession session = spark.newSession();
            return dynamicContainer(note.name(), note.sqlParagraphs().stream().map(paragraph ->
                    dynamicTest(paragraph.label(), () -> run(session, note, paragraph, forms))));
        });
    }

    private static void run(SparkSession session, ZeppelinNote note, ZeppelinParagraph paragraph,
            Map<String, String> forms) {
        String where = note.file().getFileName() + ", paragraph '" + paragraph.label() + "'";
        List<String> statements = SqlStatements.split(DynamicForms.substitute(paragraph.body(), forms));
        List<List<String>> charts = paragraph.chartColumns();
        int results = 0;
        for (int index = 0; index < statements.size(); index++) {
            String statement = statements.get(index);
            Dataset<Row> result;
            try {
                result = session.sql(statement);
            } catch (RuntimeException e) {
                throw new AssertionError(where + ", statement " + (index + 1) + " fails: " + e.getMessage()
                        + "\n" + statement, e);
            }
            List<String> columns = Arrays.asList(result.columns());
            if (columns.isEmpty()) {
                continue;
            }
            assertFalse(result.takeAsList(MAX_RESULT + 1).isEmpty(),
                    where + ", statement " + (index + 1) + " returns no rows:\n" + statement);
            if (results < charts.size()) {
                for (String column : charts.get(results)) {
                    assertTrue(columns.contains(column), where + ": the chart of result " + results
                            + " names column '" + column + "', statement " + (index + 1) + " returns " + columns);
                }
            }
            results++;
        }
        assertTrue(charts.size() <= results, where + " has display settings for " + charts.size()
                + " results but shows " + results);
    }
}
