package mhlr.core.output;

import java.util.ArrayList;
import java.util.List;

/**
 * What a command allows at its output: whether {@code --overwrite} or {@code --resume} was given, which files mark
 * a directory as this command's own output (only such a directory is replaced or continued), the inputs the output
 * must stay clear of, and whether a new output is written in place (a training run, whose checkpoints must survive
 * a kill) rather than staged.
 *
 * @param <P> the path type of the inputs
 * @param overwrite replace an existing output of this command
 * @param resume continue an existing output of this command in place
 * @param inPlaceWhenNew write a new output straight at the target instead of staging it
 * @param ownMarkers names relative to the output; an existing directory holding none of them is not replaced
 * @param inputs paths the output may not be, contain or lie inside
 */
public record OutputRules<P>(boolean overwrite, boolean resume, boolean inPlaceWhenNew, List<String> ownMarkers,
        List<P> inputs) {
    public OutputRules {
        ownMarkers = List.copyOf(ownMarkers);
        inputs = List.copyOf(inputs);
    }

    public static <P> Builder<P> builder() {
        return new Builder<>();
    }

    /** Builds {@link OutputRules}; by default nothing may be replaced and nothing is an input. */
    public static final class Builder<P> {
        private boolean overwrite;
        private boolean resume;
        private boolean inPlaceWhenNew;
        private final List<String> ownMarkers = new ArrayList<>();
        private final List<P> inputs = new ArrayList<>();

        private Builder() {
        }

        public Builder<P> overwrite(boolean value) {
            this.overwrite = value;
            return this;
        }

        public Builder<P> resume(boolean value) {
            this.resume = value;
            return this;
        }

        public Builder<P> inPlaceWhenNew(boolean value) {
            this.inPlaceWhenNew = value;
            return this;
        }

        /** A file (relative to the output) that only this command's output holds. */
        public Builder<P> ownMarker(String name) {
            ownMarkers.add(name);
            return this;
        }

        public Builder<P> input(P path) {
            inputs.add(path);
            return this;
        }

        public Builder<P> inputs(List<P> paths) {
            inputs.addAll(paths);
            return this;
        }

        public OutputRules<P> build() {
            return new OutputRules<>(overwrite, resume, inPlaceWhenNew, ownMarkers, inputs);
        }
    }
}
