package mhlr.train.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mhlr.train.report.DecayLine;
import mhlr.train.schedule.Decay;
import mhlr.train.schedule.LearningRateSchedule;

/**
 * Logs each learning-rate change the schedule decided on this step: a {@link DecayLine} in {@code metrics.jsonl}
 * (after the step's own line) and a message on stderr.
 */
public final class DecayEvents implements TrainingListener {
    private final RunLogs logs;
    private final List<Decay> decays = new ArrayList<>();

    /** Listens to {@code schedule} from now on. */
    public DecayEvents(RunLogs logs, LearningRateSchedule schedule) {
        this.logs = logs;
        schedule.addListener(decays::add);
    }

    @Override
    public void onStep(StepEvent event) {
        for (Decay decay : decays) {
            logs.metrics().write(new DecayLine(decay.step() + 1, decay.number(), decay.rateBefore(),
                    decay.rateAfter(), decay.signal()));
            logs.progress().message(String.format(Locale.ROOT, "[step %d] learning rate %.6g -> %.6g (decay %d)",
                    decay.step() + 1, decay.rateBefore(), decay.rateAfter(), decay.number()));
        }
        decays.clear();
    }
}
