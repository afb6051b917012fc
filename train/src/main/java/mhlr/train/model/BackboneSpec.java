package mhlr.train.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything that fixes a backbone's architecture: its name ({@link Backbones}), the square input size (112 as
 * arcface_torch; 56 or 28 for tests and demos on a CPU), the embedding size (512), a width multiplier on every
 * channel count (1 = the published network), the dropout rate before the embedding layer (arcface_torch's default 0)
 * and the feature-map layout. The exported model file stores it as properties text, so the loader rebuilds the same
 * graph.
 */
public final class BackboneSpec {

    private final String name;
    private final int inputSize;
    private final int embeddingSize;
    private final double widthMultiplier;
    private final double dropout;
    private final Layout layout;

    private BackboneSpec(Builder builder) {
        this.name = builder.name.toLowerCase(Locale.ROOT);
        this.inputSize = builder.inputSize;
        this.embeddingSize = builder.embeddingSize;
        this.widthMultiplier = builder.widthMultiplier;
        this.dropout = builder.dropout;
        this.layout = builder.layout;
        if (inputSize < 8) {
            throw new IllegalArgumentException("input size must be at least 8 pixels, got " + inputSize);
        }
        if (embeddingSize < 1) {
            throw new IllegalArgumentException("embedding size must be positive, got " + embeddingSize);
        }
        if (!(widthMultiplier > 0)) {
            throw new IllegalArgumentException("width multiplier must be positive, got " + widthMultiplier);
        }
        if (dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** A builder for the named backbone with the defaults 112x112, 512-d, width 1, no dropout, NCHW. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The backbone name, lower case ({@code iresnet50}, {@code mobilefacenet}, {@code tiny}). */
    public String name() {
        return name;
    }

    /** Height and width of the input images in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** Length of the embedding. */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** Factor on every channel count. */
    public double widthMultiplier() {
        return widthMultiplier;
    }

    /** Dropout rate before the embedding layer in training. */
    public double dropout() {
        return dropout;
    }

    /** Feature-map layout of the graph. */
    public Layout layout() {
        return layout;
    }

    /** {@code base} channels scaled by the width multiplier, at least 1. */
    public int channels(int base) {
        return Math.max(1, (int) Math.round(base * widthMultiplier));
    }

    /** The spec as properties text, one {@code key=value} a line in a fixed order (the model file's header). */
    public String toProperties() {
        return "backbone=" + name + "\n"
                + "input-size=" + inputSize + "\n"
                + "embedding-size=" + embeddingSize + "\n"
                + "width-multiplier=" + widthMultiplier + "\n"
                + "dropout=" + dropout + "\n"
                + "layout=" + layout.name() + "\n";
    }

    /** Parses {@link #toProperties()} text; a missing or malformed key is an error naming it. */
    public static BackboneSpec fromProperties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return builder(required(properties, "backbone"))
                .inputSize(Integer.parseInt(required(properties, "input-size")))
                .embeddingSize(Integer.parseInt(required(properties, "embedding-size")))
                .widthMultiplier(Double.parseDouble(required(properties, "width-multiplier")))
                .dropout(Double.parseDouble(required(properties, "dropout")))
                .layout(Layout.valueOf(required(properties, "layout")))
                .build();
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("backbone spec lacks key '" + key + "'");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BackboneSpec that && toProperties().equals(that.toProperties());
    }

    @Override
    public int hashCode() {
        return toProperties().hashCode();
    }

    @Override
    public String toString() {
        return name + " " + inputSize + "x" + inputSize + " -> " + embeddingSize + " (width " + widthMultiplier
                + ", dropout " + dropout + ", " + layout + ")";
    }

    /** Builder of {@link BackboneSpec}. */
    public static final class Builder {
        private final String name;
        private int inputSize = 112;
        private int embeddingSize = 512;
        private double widthMultiplier = 1.0;
        private double dropout = 0.0;
        private Layout layout = Layout.NCHW;

        private Builder(String name) {
            this.name = name;
        }

        /** Height and width of the input images (default 112). */
        public Builder inputSize(int pixels) {
            this.inputSize = pixels;
            return this;
        }

        /** Length of the embedding (default 512). */
        public Builder embeddingSize(int size) {
            this.embeddingSize = size;
            return this;
        }

        /** Factor on every channel count (default 1). */
        public Builder widthMultiplier(double factor) {
            this.widthMultiplier = factor;
            return this;
        }

        /** Dropout rate before the embedding layer (default 0). */
        public Builder dropout(double rate) {
            this.dropout = rate;
            return this;
        }

        /** Feature-map layout (default NCHW). */
        public Builder layout(Layout value) {
            this.layout = value;
            return this;
        }

        /** The spec; throws on a value out of range. */
        public BackboneSpec build() {
            return new BackboneSpec(this);
        }
    }
}
