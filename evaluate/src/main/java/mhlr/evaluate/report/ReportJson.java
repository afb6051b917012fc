package mhlr.evaluate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import mhlr.evaluate.protocol.IjbResult;
import mhlr.evaluate.protocol.TenFoldResult;

/**
 * {@code report.json}, in exactly the shape of the evaluation issue. All rates are fractions in [0, 1]; a rate
 * that is undefined (a fold without impostor pairs, say) is {@code null}.
 * <ul>
 *   <li>10-fold: {@code {"protocol": "tenfold", "pairs": N, "accuracy": {"mean": m, "std": s}, "auc": a,
 *       "eer": e, "val_at_far_1e-3": v}}</li>
 *   <li>IJB: {@code {"protocol": "ijb", "pairs": N, "genuine": G, "tar_at_far": {"1e-06": t, ..., "1e-01": t}}}</li>
 * </ul>
 */
public final class ReportJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static byte[] tenFold(TenFoldResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", "tenfold");
        report.put("pairs", result.pairs());
        Map<String, Object> accuracy = new LinkedHashMap<>();
        accuracy.put("mean", rate(result.accuracyMean()));
        accuracy.put("std", rate(result.accuracyStd()));
        report.put("accuracy", accuracy);
        report.put("auc", rate(result.areaUnderCurve()));
        report.put("eer", rate(result.equalErrorRate()));
        report.put("val_at_far_1e-3", rate(result.valAtFar()));
        return write(report);
    }

    public static byte[] ijb(IjbResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", "ijb");
        report.put("pairs", result.pairs());
        report.put("genuine", result.genuine());
        Map<String, Object> tars = new LinkedHashMap<>();
        for (int i = 0; i < result.fars().length; i++) {
            tars.put(farKey(result.fars()[i]), rate(result.tars()[i]));
        }
        report.put("tar_at_far", tars);
        return write(report);
    }

    /** A FAR as Python's {@code '%.0e'} writes it: {@code 1e-06}. */
    public static String farKey(double far) {
        return String.format(Locale.ROOT, "%.0e", far);
    }

    private static Double rate(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static byte[] write(Map<String, Object> report) {
        try {
            return (JSON.writeValueAsString(report) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report.json", e);
        }
    }
}
