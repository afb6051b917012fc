package mhlr.evaluate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mhlr.evaluate.identification.IdentificationResult;
import mhlr.evaluate.protocol.IjbResult;
import mhlr.evaluate.protocol.TenFoldResult;

/**
 * {@code report.json}, in exactly the shape of the evaluation issue. All rates are fractions in [0, 1]; a rate
 * that is undefined (a fold without impostor pairs, say) is {@code null}.
 * <ul>
 *   <li>10-fold: {@code {"protocol": "tenfold", "pairs": N, "accuracy": {"mean": m, "std": s}, "auc": a,
 *       "eer": e, "val_at_far_1e-3": v}}</li>
 *   <li>IJB: {@code {"protocol": "ijb", "pairs": N, "genuine": G, "tar_at_far": {"1e-06": t, ..., "1e-01": t}}},
 *       with 1:N lists also {@code "ijb_1n": {"probes": P, "gallery": G, "rank_1": r, "rank_5": r, "rank_10": r,
 *       "tpir_at_fpir": {"1e-02": t, "1e-01": t}, "threshold_at_fpir": {"1e-02": s, "1e-01": s}}}</li>
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

    public static byte[] ijb(IjbResult result, Optional<IdentificationResult> identification) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", "ijb");
        report.put("pairs", result.pairs());
        report.put("genuine", result.genuine());
        Map<String, Object> tars = new LinkedHashMap<>();
        for (int i = 0; i < result.fars().length; i++) {
            tars.put(farKey(result.fars()[i]), rate(result.tars()[i]));
        }
        report.put("tar_at_far", tars);
        identification.ifPresent(oneToN -> report.put("ijb_1n", oneToN(oneToN)));
        return write(report);
    }

    private static Map<String, Object> oneToN(IdentificationResult result) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("probes", result.probes());
        section.put("gallery", result.gallery());
        for (int i = 0; i < result.ranks().length; i++) {
            section.put("rank_" + result.ranks()[i], rate(result.rankAccuracies()[i]));
        }
        Map<String, Object> tpirs = new LinkedHashMap<>();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        for (int i = 0; i < result.fpirs().length; i++) {
            tpirs.put(farKey(result.fpirs()[i]), rate(result.tpirs()[i]));
            thresholds.put(farKey(result.fpirs()[i]), Double.isFinite(result.thresholds()[i])
                    ? result.thresholds()[i] : null);
        }
        section.put("tpir_at_fpir", tpirs);
        section.put("threshold_at_fpir", thresholds);
        return section;
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
