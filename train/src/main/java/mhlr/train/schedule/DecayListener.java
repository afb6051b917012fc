package mhlr.train.schedule;

/** Told about each discrete learning-rate change, e.g. to log it next to the step's metrics. */
@FunctionalInterface
public interface DecayListener {
    void onDecay(Decay decay);
}
