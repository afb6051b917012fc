package mhlr.train.model;

import java.util.List;

/**
 * Backbones by name: {@code iresnet18}, {@code iresnet34}, {@code iresnet50}, {@code iresnet100},
 * {@code iresnet200} (arcface_torch's depths), {@code mobilefacenet} ({@code mbf}) and {@code tiny}, an iResNet with
 * one block a stage at an eighth of the width, for tests and quick demos.
 */
public final class Backbones {

    private static final List<String> NAMES =
            List.of("iresnet18", "iresnet34", "iresnet50", "iresnet100", "iresnet200", "mobilefacenet", "tiny");
    private static final double TINY_WIDTH = 0.125;

    private Backbones() {
    }

    /** The names {@link #create} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /** The backbone {@code spec} names; an unknown name is an error listing the known ones. */
    public static Backbone create(BackboneSpec spec) {
        return switch (spec.name()) {
            case "iresnet18" -> new IResNet(new int[] {2, 2, 2, 2}, 1, spec);
            case "iresnet34" -> new IResNet(new int[] {3, 4, 6, 3}, 1, spec);
            case "iresnet50" -> new IResNet(new int[] {3, 4, 14, 3}, 1, spec);
            case "iresnet100" -> new IResNet(new int[] {3, 13, 30, 3}, 1, spec);
            case "iresnet200" -> new IResNet(new int[] {6, 26, 60, 6}, 1, spec);
            case "mobilefacenet", "mbf" -> new MobileFaceNet(spec);
            case "tiny" -> new IResNet(new int[] {1, 1, 1, 1}, TINY_WIDTH, spec);
            default -> throw new IllegalArgumentException(
                    "unknown backbone '" + spec.name() + "'; known: " + String.join(", ", NAMES));
        };
    }

    /** Shorthand for {@code create(BackboneSpec.builder(name).inputSize(inputSize).build())}. */
    public static Backbone create(String name, int inputSize) {
        return create(BackboneSpec.builder(name).inputSize(inputSize).build());
    }
}
