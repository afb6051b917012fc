package mhlr.train.schedule;

import java.util.ArrayList;
import java.util.List;

/** The discrete rate changes of one schedule and the listeners told about each. */
final class DecayLog {
    private final List<Decay> decays = new ArrayList<>();
    private final List<DecayListener> listeners = new ArrayList<>();

    void add(DecayListener listener) {
        listeners.add(listener);
    }

    void record(Decay decay) {
        decays.add(decay);
        for (DecayListener listener : listeners) {
            listener.onDecay(decay);
        }
    }

    List<Decay> decays() {
        return List.copyOf(decays);
    }

    /** Forgets the history (a restored schedule reports only what happens after the restore). */
    void clear() {
        decays.clear();
    }
}
