package mhlr.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.cli.AtomicOutput;
import mhlr.train.report.DecayLine;
import mhlr.train.report.MetricsLine;
import mhlr.train.report.MetricsLog;
import mhlr.train.report.StepLine;
import mhlr.train.report.VerificationLine;

/**
 * {@code summary.json}, the last file of a finished run: its size, the last logged loss and rate, how many times the
 * rate decayed and each verification set's best accuracy, all read back from {@code metrics.jsonl}.
 */
final class RunSummary {
    private RunSummary() {
    }

    /**
     * The summary of a run whose metrics are in {@code metrics}; {@code size} holds the run's steps, epochs,
     * batch_size, images and classes, in that order.
     */
    static Map<String, Object> of(Map<String, Object> size, Path metrics, long startedNanos) {
        Map<String, Object> summary = new LinkedHashMap<>(size);
        Map<String, Double> highest = new LinkedHashMap<>();
        long decayCount = 0;
        Double lastLoss = null;
        Double lastRate = null;
        for (MetricsLine line : MetricsLog.read(metrics)) {
            if (line instanceof DecayLine) {
                decayCount++;
            } else if (line instanceof VerificationLine verification) {
                highest.put(verification.set(), verification.accuracyHighest());
            } else if (line instanceof StepLine step) {
                lastLoss = step.lossAverage();
                lastRate = step.learningRate();
            }
        }
        summary.put("final_loss_average", lastLoss);
        summary.put("final_lr", lastRate);
        summary.put("decays", decayCount);
        summary.put("verification_highest", highest);
        summary.put("model", OutputDirectory.MODEL);
        summary.put("seconds_this_process", (System.nanoTime() - startedNanos) / 1e9);
        return summary;
    }

    /** Writes the summary atomically. */
    static void write(Path file, Map<String, Object> summary) {
        try {
            AtomicOutput.writeFile(file,
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }
}
