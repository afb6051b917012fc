package mhlr.e2e;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zeppelin's paragraph-scoped dynamic forms ("simple" form type, the one the Spark SQL interpreter uses), resolved
 * as Zeppelin resolves them before the interpreter sees the text: every {@code ${name}}, {@code ${name=default}},
 * {@code ${name(Label)=default}} or select {@code ${name=default,a|b|c}} becomes the value given for {@code name},
 * else its default. A hidden form ({@code _${...}}) loses its underscore too. Checkbox and password forms, and
 * note-scoped forms ({@code $${...}}), are refused: the notes of this project use text boxes only.
 */
final class DynamicForms {
    private static final Pattern FORM = Pattern.compile("(_)?(\\$)?\\$\\{([^=}]*)(?:=([^}]*))?}");

    private DynamicForms() {
    }

    /**
     * The text with every form replaced.
     *
     * @throws IllegalArgumentException for a form that has neither a value nor a default, or of a kind this
     *     class does not resolve
     */
    static String substitute(String text, Map<String, String> values) {
        Matcher form = FORM.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (form.find()) {
            String whole = form.group();
            if (form.group(2) != null) {
                throw new IllegalArgumentException("note-scoped form " + whole + " is not supported");
            }
            String name = form.group(3).trim();
            if (name.contains(":")) {
                throw new IllegalArgumentException("form " + whole + " is not a text box or select");
            }
            int label = name.indexOf('(');
            if (label >= 0) {
                name = name.substring(0, label).trim();
            }
            String value = values.get(name);
            if (value == null) {
                String defaults = form.group(4);
                if (defaults == null) {
                    throw new IllegalArgumentException("form " + whole + " has no value and no default");
                }
                int options = defaults.indexOf(',');
                value = options < 0 ? defaults : defaults.substring(0, options);
            }
            form.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        form.appendTail(resolved);
        return resolved.toString();
    }
}
