package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {
    @Test
    void splitsOnSemicolonsAndTrims() {
        assertEquals(List.of("CREATE VIEW a AS SELECT 1", "SELECT * FROM a"),
                SqlStatements.split("\n CREATE VIEW a AS SELECT 1;\n\n SELECT * FROM a;\n"));
    }

    @Test
    void keepsSemicolonsInsideQuotedStrings() {
        assertEquals(List.of("SELECT 'a;b', \"c;d\"", "SELECT 2"),
                SqlStatements.split("SELECT 'a;b', \"c;d\"; SELECT 2"));
    }

    @Test
    void dropsLineAndBlockCommentsButKeepsHints() {
        String paragraph = "-- one; not split\nSELECT 1; /* two;\n three */ SELECT /*+ BROADCAST(t) */ 2 FROM t";
        assertEquals(List.of("SELECT 1", "SELECT /*+ BROADCAST(t) */ 2 FROM t"), SqlStatements.split(paragraph));
    }

    @Test
    void dropsEmptyStatements() {
        assertEquals(List.of("SELECT 1"), SqlStatements.split(";; SELECT 1 ;; -- done"));
    }

    @Test
    void anApostropheInACommentOpensAStringAsInZeppelin() {
        assertEquals(List.of("SELECT 1\nSELECT 2; SELECT 3"),
                SqlStatements.split("-- the note's views\nSELECT 1\nSELECT 2; SELECT 3"));
    }

    @Test
    void backquotesDoNotProtectASemicolonAsInZeppelin() {
        assertEquals(List.of("SELECT 1 AS `a", "b`"), SqlStatements.split("SELECT 1 AS `a;b`"));
    }
}
