package mhlr.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL paragraph into statements the way Zeppelin's Spark SQL interpreter does (its {@code SqlSplitter}):
 * on {@code ;} outside single- and double-quoted strings, with {@code --} line comments and block comments left
 * out (a block comment opening with {@code /*+}, an optimizer hint, is kept). Each statement is trimmed; empty ones
 * are dropped. Zeppelin runs the statements in order and shows one result per statement.
 *
 * <p>Zeppelin's quirks are kept, because a note must split here exactly as it splits there: backquotes do not
 * protect a {@code ;}, and a quote character inside a comment still opens a string (so an apostrophe in a comment
 * swallows the {@code ;} that follows it).
 */
final class SqlStatements {
    private SqlStatements() {
    }

    static List<String> split(String paragraph) {
        String text = paragraph.trim();
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean single = false;
        boolean dquote = false;
        boolean lineComment = false;
        boolean blockComment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineComment && c == '\n') {
                lineComment = false;
                if (statement.toString().isBlank()) {
                    continue;
                }
            }
            if (blockComment && i >= 2 && text.charAt(i - 1) == '/' && text.charAt(i - 2) == '*') {
                blockComment = false;
            }
            if (c == '\'') {
                single = !single && !dquote;
            } else if (c == '"') {
                dquote = !dquote && !single;
            }
            boolean code = !single && !dquote && !lineComment && !blockComment;
            if (code && text.startsWith("--", i)) {
                lineComment = true;
            } else if (code && text.startsWith("/*", i) && i + 2 < text.length() && text.charAt(i + 2) != '+') {
                blockComment = true;
            }
            boolean comment = lineComment || blockComment;
            if (c == ';' && !single && !dquote && !comment) {
                add(statements, statement);
            } else if (!comment) {
                statement.append(c);
            }
        }
        add(statements, statement);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder statement) {
        String trimmed = statement.toString().trim();
        if (!trimmed.isEmpty()) {
            statements.add(trimmed);
        }
        statement.setLength(0);
    }
}
