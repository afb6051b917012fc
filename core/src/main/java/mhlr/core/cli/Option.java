package mhlr.core.cli;

/**
 * One flag of a command: {@code --name VALUE} when it has a value name, a bare switch otherwise.
 *
 * @param name the flag with its dashes, e.g. {@code --output}
 * @param valueName the placeholder shown in help, or {@code null} for a switch
 * @param help one line for {@code --help}
 * @param required whether the command refuses to run without it
 * @param repeatable whether it may be given more than once (like {@code --set})
 */
public record Option(String name, String valueName, String help, boolean required, boolean repeatable) {

    public boolean takesValue() {
        return valueName != null;
    }

    String usage() {
        String text = takesValue() ? name + " " + valueName : name;
        return required ? text : "[" + text + (repeatable ? " ..." : "") + "]";
    }
}
