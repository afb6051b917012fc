package mhlr.core.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The flags a {@link CommandLine} parsed, by name (with dashes). */
public final class Arguments {
    private final Map<String, List<String>> values;

    Arguments(Map<String, List<String>> values) {
        this.values = Map.copyOf(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<String> value(String name) {
        List<String> given = values.get(name);
        return given == null ? Optional.empty() : Optional.of(given.get(0));
    }

    /** The value of a required option (the parser already refused its absence). */
    public String required(String name) {
        return value(name).orElseThrow(() -> new UsageException("missing required option " + name));
    }

    public Path path(String name) {
        return Path.of(required(name));
    }

    public Optional<Path> optionalPath(String name) {
        return value(name).map(Path::of);
    }

    public int integer(String name, int fallback) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a whole number, got '" + text.get() + "'");
        }
    }

    public long longValue(String name, long fallback) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a whole number, got '" + text.get() + "'");
        }
    }

    /** Every value of a repeatable option, in the order given (empty when it was not given). */
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Every {@code --set key=value} in the order given. */
    public List<String> overrides() {
        return values.getOrDefault(CommandLine.SET, List.of());
    }
}
