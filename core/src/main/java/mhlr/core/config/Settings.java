package mhlr.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.UsageException;

/**
 * Loads the layered configuration: {@code --set} overrides, over a preset file, over the base.
 * The base is {@code conf/base.conf}, packaged on the classpath as {@value #BASE_RESOURCE}.
 */
public final class Settings {
    /** The classpath resource holding {@code conf/base.conf}. */
    public static final String BASE_RESOURCE = "conf/base.conf";

    private Settings() {
    }

    /** The base configuration alone. */
    public static Config base() {
        Config base = ConfigFactory.parseResources(Settings.class.getClassLoader(), BASE_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false));
        return base.resolve();
    }

    /** Base, then the preset (if any), then each {@code key=value} override in order. */
    public static Config load(Optional<Path> preset, List<String> overrides) {
        Config base = base();
        Config layered = base;
        if (preset.isPresent()) {
            Config presetConfig = parsePreset(preset.get());
            checkKnown(presetConfig, base, "preset " + preset.get());
            layered = presetConfig.withFallback(layered);
        }
        for (String override : overrides) {
            layered = apply(layered, base, override);
        }
        try {
            return layered.resolve();
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        }
    }

    /** Parses a preset file; relative {@code include}s resolve beside it. */
    public static Config parsePreset(Path preset) {
        if (!Files.isRegularFile(preset)) {
            throw new UsageException("config file " + preset + " does not exist");
        }
        try {
            return ConfigFactory.parseFile(preset.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new UsageException("config file " + preset + ": " + e.getMessage(), e);
        }
    }

    private static Config apply(Config layered, Config base, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new UsageException("--set needs key=value, got '" + override + "'");
        }
        String key = override.substring(0, equals).strip();
        String text = override.substring(equals + 1).strip();
        try {
            ConfigUtil.splitPath(key);
        } catch (ConfigException e) {
            throw new UsageException("--set: '" + key + "' is not a config key");
        }
        if (isFreeForm(base, key)) {
            return layered.withValue(key, ConfigValueFactory.fromAnyRef(text, "--set"));
        }
        if (!base.hasPathOrNull(key) || isUnder(base, key)) {
            throw new UsageException("unknown config key '" + key + "' in --set " + override);
        }
        ConfigValue expected = base.getValue(key);
        ConfigValue value = parseValue(text, expected.valueType());
        checkType(key, expected, value, "--set " + override);
        return layered.withValue(key, value);
    }

    /** A typed value when the text reads as one (number, boolean, list, object), else the text as a string. */
    private static ConfigValue parseValue(String text, ConfigValueType expected) {
        if (expected == ConfigValueType.STRING) {
            return ConfigValueFactory.fromAnyRef(text, "--set");
        }
        try {
            return ConfigFactory.parseString("value = " + text).getValue("value");
        } catch (ConfigException e) {
            return ConfigValueFactory.fromAnyRef(text, "--set");
        }
    }

    private static void checkKnown(Config overriding, Config base, String where) {
        for (Map.Entry<String, ConfigValue> entry : overriding.entrySet()) {
            String key = entry.getKey();
            if (isFreeForm(base, key)) {
                continue;
            }
            if (!base.hasPathOrNull(key) || isUnder(base, key)) {
                ConfigOrigin origin = entry.getValue().origin();
                String line = origin.lineNumber() > 0 ? " line " + origin.lineNumber() : "";
                throw new UsageException("unknown config key '" + key + "' in " + where + line);
            }
            checkType(key, base.getValue(key), entry.getValue(), where);
        }
    }

    /** True when the base holds an object at key, so a leaf there is a shape mismatch, not a known key. */
    private static boolean isUnder(Config base, String key) {
        return base.getValue(key).valueType() == ConfigValueType.OBJECT;
    }

    /**
     * True when a prefix of the key is an empty object in the base ({@code spark.conf {}}): a free-form map
     * whose keys are passed through, not checked.
     */
    private static boolean isFreeForm(Config base, String key) {
        List<String> parts = ConfigUtil.splitPath(key);
        for (int i = 1; i < parts.size(); i++) {
            String prefix = ConfigUtil.joinPath(parts.subList(0, i));
            if (base.hasPath(prefix) && base.getValue(prefix).valueType() == ConfigValueType.OBJECT
                    && base.getConfig(prefix).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static void checkType(String key, ConfigValue expected, ConfigValue given, String where) {
        ConfigValueType want = expected.valueType();
        ConfigValueType got = given.valueType();
        if (want == ConfigValueType.NULL || got == ConfigValueType.NULL || want == got) {
            return;
        }
        if (want == ConfigValueType.STRING && got != ConfigValueType.LIST && got != ConfigValueType.OBJECT) {
            return;
        }
        if (want == ConfigValueType.NUMBER && got == ConfigValueType.STRING) {
            try {
                Double.parseDouble(String.valueOf(given.unwrapped()));
                return;
            } catch (NumberFormatException ignored) {
                // falls through to the error below
            }
        }
        if (want == ConfigValueType.BOOLEAN && got == ConfigValueType.STRING) {
            String text = String.valueOf(given.unwrapped());
            if (text.equals("true") || text.equals("false")) {
                return;
            }
        }
        throw new UsageException("config key '" + key + "' in " + where + " must be a " + want.name().toLowerCase()
                + ", got " + got.name().toLowerCase() + " '" + given.unwrapped() + "'");
    }
}
