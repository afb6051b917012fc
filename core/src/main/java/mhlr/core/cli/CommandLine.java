package mhlr.core.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's flags and their parser. Every command also takes {@code --help} and {@code --set key=value}
 * (repeatable; each overrides one config key).
 *
 * <pre>{@code
 * CommandLine cli = CommandLine.builder("bin/ingest", "Packs face images into Parquet shards.")
 *         .required("--input", "PATH", "what to read")
 *         .optional("--format", "FORMAT", "folders, recordio, ...")
 *         .flag("--overwrite", "replace an existing output directory")
 *         .build();
 * Arguments arguments = cli.parse(args);   // throws UsageException, or HelpRequested
 * }</pre>
 */
public final class CommandLine {
    public static final String SET = "--set";
    public static final String HELP = "--help";

    private final String command;
    private final String description;
    private final Map<String, Option> options;

    private CommandLine(Builder builder) {
        this.command = builder.command;
        this.description = builder.description;
        this.options = new LinkedHashMap<>(builder.options);
    }

    public static Builder builder(String command, String description) {
        return new Builder(command, description);
    }

    public String command() {
        return command;
    }

    /** The text printed for {@code --help}. */
    public String help() {
        StringBuilder text = new StringBuilder("Usage: ").append(command);
        options.values().forEach(option -> text.append(' ').append(option.usage()));
        text.append("\n\n").append(description).append("\n\nOptions:\n");
        for (Option option : options.values()) {
            String flag = option.takesValue() ? option.name() + " " + option.valueName() : option.name();
            text.append(String.format("  %-28s %s%n", flag, option.help()));
        }
        text.append(String.format("  %-28s %s%n", HELP, "print this help and exit"));
        return text.toString();
    }

    /**
     * Parses the arguments.
     *
     * @throws HelpRequested when {@code --help} is among them
     * @throws UsageException naming the first flag that is unknown, lacks its value, repeats or is missing
     */
    public Arguments parse(String... args) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(HELP) || arg.equals("-h")) {
                throw new HelpRequested(help());
            }
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            Option option = options.get(name);
            if (option == null) {
                throw new UsageException("unknown option '" + arg + "' (see " + command + " --help)");
            }
            List<String> given = values.computeIfAbsent(name, key -> new ArrayList<>());
            if (!given.isEmpty() && !option.repeatable()) {
                throw new UsageException("option " + name + " given more than once");
            }
            if (option.takesValue()) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
                        throw new UsageException("option " + name + " needs a value " + option.valueName());
                    }
                    value = args[++i];
                }
                given.add(value);
            } else {
                if (inlineValue != null) {
                    throw new UsageException("option " + name + " takes no value");
                }
                given.add("true");
            }
        }
        for (Option option : options.values()) {
            if (option.required() && !values.containsKey(option.name())) {
                throw new UsageException("missing required option " + option.name() + " " + option.valueName()
                        + " (see " + command + " --help)");
            }
        }
        return new Arguments(values);
    }

    /** Thrown by {@link #parse} for {@code --help}; the launcher prints the text and exits 0. */
    public static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested(String help) {
            super(help, null, false, false);
        }
    }

    /** Collects a command's options in the order they are shown. */
    public static final class Builder {
        private final String command;
        private final String description;
        private final Map<String, Option> options = new LinkedHashMap<>();

        private Builder(String command, String description) {
            this.command = command;
            this.description = description;
        }

        public Builder required(String name, String valueName, String help) {
            return add(new Option(name, valueName, help, true, false));
        }

        public Builder optional(String name, String valueName, String help) {
            return add(new Option(name, valueName, help, false, false));
        }

        /** An option that may be given several times, like {@code --set}; {@link Arguments#values} has them all. */
        public Builder repeatable(String name, String valueName, String help) {
            return add(new Option(name, valueName, help, false, true));
        }

        public Builder flag(String name, String help) {
            return add(new Option(name, null, help, false, false));
        }

        public CommandLine build() {
            add(new Option(SET, "KEY=VALUE", "override one config key (repeatable)", false, true));
            return new CommandLine(this);
        }

        private Builder add(Option option) {
            options.put(option.name(), option);
            return this;
        }
    }
}
