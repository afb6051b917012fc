package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZeppelinParagraphTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ZeppelinParagraph paragraph(String text, String config) throws Exception {
        return new ZeppelinParagraph("paragraph_1", "", text, JSON.readTree(config));
    }

    @Test
    void interpreterLineIsNotPartOfTheBody() throws Exception {
        ZeppelinParagraph sql = paragraph("%spark.sql(limit=10)\nSELECT 1", "{}");
        assertEquals(Optional.of("spark.sql"), sql.interpreter());
        assertTrue(sql.isSql());
        assertEquals("SELECT 1", sql.body());
    }

    @Test
    void sqlOfTheDefaultGroupCountsAndOtherInterpretersDoNot() throws Exception {
        assertTrue(paragraph("%sql SELECT 1", "{}").isSql());
        assertFalse(paragraph("%spark\nspark.sql(\"SELECT 1\")", "{}").isSql());
        assertFalse(paragraph("%spark.sqlx\nSELECT 1", "{}").isSql());
        assertFalse(paragraph("SELECT 1", "{}").isSql());
    }

    @Test
    void chartColumnsAreListedByResultIndex() throws Exception {
        JsonNode config = JSON.readTree("""
                {"results": {
                  "0": {"graph": {"mode": "table"}},
                  "1": {"graph": {"mode": "lineChart", "keys": [{"name": "step"}], "values": [{"name": "loss"}],
                                  "groups": [{"name": "run"}]}},
                  "2": {"graph": {"mode": "scatterChart", "setting": {"scatterChart": {
                          "xAxis": {"name": "x"}, "yAxis": {"name": "y"}, "group": {"name": "g"}}}}}}}
                """);
        ZeppelinParagraph chart = new ZeppelinParagraph("p", "", "%spark.sql\nSELECT 1", config);
        assertEquals(List.of(List.of(), List.of("step", "loss", "run"), List.of("x", "y", "g")),
                chart.chartColumns());
    }
}
