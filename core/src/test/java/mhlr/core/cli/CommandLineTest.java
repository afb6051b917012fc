package mhlr.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private final CommandLine cli = CommandLine.builder("bin/tool", "Does a thing.")
            .required("--input", "PATH", "what to read")
            .optional("--seed", "S", "the seed")
            .flag("--overwrite", "replace the output")
            .build();

    @Test
    void parsesValuesSwitchesAndRepeatedSets() {
        Arguments arguments = cli.parse("--input", "a/b", "--overwrite", "--set", "x=1", "--set=y=2", "--seed=5");
        assertEquals("a/b", arguments.required("--input"));
        assertTrue(arguments.has("--overwrite"));
        assertEquals(5, arguments.integer("--seed", 0));
        assertEquals(List.of("x=1", "y=2"), arguments.overrides());
    }

    @Test
    void repeatableOptionKeepsEveryValueInOrderInBothForms() {
        CommandLine spark = CommandLine.builder("bin/job", "Runs on Spark.")
                .repeatable("--conf", "KEY=VALUE", "a Spark property")
                .build();
        Arguments arguments = spark.parse("--conf", "spark.a=1", "--conf=spark.b=x=y", "--conf", "spark.a=2");
        assertEquals(List.of("spark.a=1", "spark.b=x=y", "spark.a=2"), arguments.values("--conf"));
        assertEquals(List.of(), spark.parse().values("--conf"));
        assertTrue(spark.help().contains("[--conf KEY=VALUE ...]"), spark.help());
    }

    @Test
    void unknownFlagIsAUsageErrorNamingIt() {
        UsageException error = assertThrows(UsageException.class, () -> cli.parse("--input", "a", "--frmat", "x"));
        assertTrue(error.getMessage().contains("--frmat"));
    }

    @Test
    void missingRequiredFlagIsAUsageError() {
        UsageException error = assertThrows(UsageException.class, () -> cli.parse("--seed", "1"));
        assertTrue(error.getMessage().contains("--input"));
    }

    @Test
    void flagWithoutItsValueIsAUsageError() {
        assertThrows(UsageException.class, () -> cli.parse("--input"));
        assertThrows(UsageException.class, () -> cli.parse("--input", "--overwrite"));
    }

    @Test
    void nonNumericSeedIsAUsageError() {
        assertThrows(UsageException.class, () -> cli.parse("--input", "a", "--seed", "x").integer("--seed", 0));
    }

    @Test
    void launcherMapsOutcomesToExitCodesWithOneLineCause() {
        assertEquals(0, run(args -> cli.parse(args), "--help").code);
        Outcome help = run(args -> cli.parse(args), "--help");
        assertTrue(help.out.startsWith("Usage: bin/tool"), help.out);

        Outcome usage = run(args -> cli.parse(args), "--bogus");
        assertEquals(2, usage.code);
        assertEquals(1, usage.err.lines().count(), usage.err);
        assertTrue(usage.err.startsWith("bin/tool: unknown option '--bogus'"), usage.err);

        Outcome failure = run(args -> {
            throw new IllegalStateException("disk full\nsecond line");
        });
        assertEquals(1, failure.code);
        assertEquals("bin/tool: failed: disk full\n", failure.err);

        Outcome wrapped = run(args -> {
            throw new RuntimeException("task failed", new UsageException("pair 3 names template 9, absent"));
        });
        assertEquals(2, wrapped.code);
        assertFalse(wrapped.err.contains("task failed"));
    }

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(Launcher.Body body, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run("bin/tool", args, body, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
