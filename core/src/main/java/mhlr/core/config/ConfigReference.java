package mhlr.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The configuration reference ({@code docs/CONFIG.md}), generated from {@code conf/base.conf}: every key, its
 * default and the comment above it. A test keeps the committed file equal to what this prints, so the reference
 * cannot fall behind the base.
 *
 * <p>Regenerate: {@code java -cp core/target/classes:$(cat core/target/classpath.txt) mhlr.core.config.ConfigReference docs/CONFIG.md}
 */
public final class ConfigReference {

    private ConfigReference() {
    }

    /** The reference as Markdown, keys in the order of the base file. */
    public static String markdown(Config base) {
        StringBuilder text = new StringBuilder();
        text.append("# Configuration reference\n\n")
                .append("Generated from `conf/base.conf` by `mhlr.core.config.ConfigReference`; a test keeps it in step.\n")
                .append("Presets in `conf/` override these defaults, and `--set key=value` overrides any key.\n");
        List<Map.Entry<String, ConfigValue>> entries = base.entrySet().stream()
                .sorted(Comparator.comparing(entry -> entry.getValue().origin().lineNumber()))
                .toList();
        String current = null;
        for (Map.Entry<String, ConfigValue> entry : entries) {
            String section = section(entry.getKey());
            if (!section.equals(current)) {
                current = section;
                text.append("\n## ").append(section.isEmpty() ? "top level" : "`" + section + "`").append("\n\n")
                        .append("| key | default | meaning |\n|---|---|---|\n");
            }
            String rendered = entry.getValue().render(ConfigRenderOptions.concise());
            String meaning = String.join(" ", entry.getValue().origin().comments()).strip();
            text.append("| `").append(entry.getKey()).append("` | `").append(rendered.replace("|", "\\|"))
                    .append("` | ").append(meaning.replace("|", "\\|")).append(" |\n");
        }
        for (String freeForm : List.of("spark.conf")) {
            text.append("\n`").append(freeForm).append("` is a free-form map: each entry is passed to Spark as a property, ")
                    .append("e.g. `--set spark.conf.\"spark.executor.memory\"=8g`.\n");
        }
        return text.toString();
    }

    private static String section(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** Writes the reference to the file given, or prints it. */
    public static void main(String[] args) throws IOException {
        String text = markdown(Settings.base());
        if (args.length == 0) {
            System.out.print(text);
        } else {
            Files.writeString(Path.of(args[0]), text, StandardCharsets.UTF_8);
        }
    }
}
