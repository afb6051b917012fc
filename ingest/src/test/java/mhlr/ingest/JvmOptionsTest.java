package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The launcher's JVM flags are the module options Spark itself keeps for JDK 17+, no more and no fewer. */
class JvmOptionsTest {

    @Test
    void launcherJvmOptionsEqualSparksDefaultModuleOptions() throws IOException {
        Path file = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "bin", "lib",
                "jvm-options");
        if (!Files.exists(file)) {
            file = Path.of("..", "bin", "lib", "jvm-options");
        }
        List<String> launcher = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        List<String> spark = Arrays.stream(JavaModuleOptions.defaultModuleOptions().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        assertEquals(spark, launcher);
    }
}
