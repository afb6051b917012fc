package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No {@code @Test} is silently left out of {@code ./mvnw -B verify}: every test source file that declares a test
 * has a name Surefire picks up ({@code *Test}, {@code Test*}, {@code *Tests}, {@code *TestCase}), or is an
 * {@code *IT} in a module whose pom runs Failsafe; and no pom excludes test classes by path (benches are kept out
 * by their {@code *Bench} names instead).
 */
class EveryTestRunsTest {
    private static final Pattern DECLARES_TEST =
            Pattern.compile("^\\s*@(Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b",
                    Pattern.MULTILINE);
    private static final Pattern SUREFIRE_NAME = Pattern.compile("(Test.*|.*Test|.*Tests|.*TestCase)\\.java");
    private static final Pattern FAILSAFE_NAME = Pattern.compile(".*IT\\.java");

    @Test
    void everyFileDeclaringATestHasANameTheBuildRuns() throws IOException {
        Path checkout = DemoRun.checkout();
        List<String> skipped = new ArrayList<>();
        int files = 0;
        for (Path module : modules(checkout)) {
            boolean failsafe = Files.readString(module.resolve("pom.xml")).contains("maven-failsafe-plugin");
            for (Path source : testSources(module)) {
                if (DECLARES_TEST.matcher(Files.readString(source)).find()) {
                    files++;
                    if (!runs(source.getFileName().toString(), failsafe)) {
                        skipped.add(checkout.relativize(source).toString());
                    }
                }
            }
        }
        assertTrue(files > 100, "found only " + files + " test files under " + checkout);
        assertEquals(List.of(), skipped, "test files the build would skip (rename them)");
    }

    @Test
    void noPomExcludesTestClasses() throws IOException {
        Path checkout = DemoRun.checkout();
        List<Path> poms = new ArrayList<>(List.of(checkout.resolve("pom.xml")));
        modules(checkout).forEach(module -> poms.add(module.resolve("pom.xml")));
        for (Path pom : poms) {
            assertFalse(Files.readString(pom).contains("<exclude>"), pom + " excludes classes from a plugin");
        }
    }

    @Test
    void namesAreJudgedAsSurefireAndFailsafeDo() {
        assertTrue(runs("PixelsTest.java", false));
        assertTrue(runs("TestImagesTest.java", false));
        assertTrue(runs("PairsTests.java", false));
        assertFalse(runs("IngestBench.java", false));
        assertFalse(runs("JobsOnClusterIT.java", false));
        assertTrue(runs("JobsOnClusterIT.java", true));
    }

    private static boolean runs(String fileName, boolean failsafe) {
        return SUREFIRE_NAME.matcher(fileName).matches() || failsafe && FAILSAFE_NAME.matcher(fileName).matches();
    }

    private static List<Path> modules(Path checkout) throws IOException {
        try (Stream<Path> children = Files.list(checkout)) {
            return children.filter(child -> Files.isRegularFile(child.resolve("pom.xml"))).sorted().toList();
        }
    }

    private static List<Path> testSources(Path module) {
        Path root = module.resolve("src/test/java");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
