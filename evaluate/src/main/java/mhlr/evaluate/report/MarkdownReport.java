package mhlr.evaluate.report;

import java.util.Locale;
import mhlr.evaluate.identification.IdentificationResult;
import mhlr.evaluate.protocol.IjbResult;
import mhlr.evaluate.protocol.TenFoldResult;

/** The human-readable table beside {@code report.json}; rates in percent, as insightface prints them. */
public final class MarkdownReport {
    /** The table's file name; a directory holding one is an evaluation output ({@code --overwrite} may replace it). */
    public static final String FILE = "report.md";

    private MarkdownReport() {
    }

    public static String tenFold(String name, TenFoldResult result) {
        StringBuilder text = new StringBuilder("# ").append(name).append(": 10-fold verification\n\n");
        text.append("| pairs | accuracy (%) | std (%) | AUC | EER (%) | VAL@FAR=1e-3 (%) |\n");
        text.append("|---|---|---|---|---|---|\n");
        text.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", result.pairs(),
                percent(result.accuracyMean(), 2), percent(result.accuracyStd(), 2),
                fraction(result.areaUnderCurve()), percent(result.equalErrorRate(), 2),
                percent(result.valAtFar(), 2)));
        text.append("\n| fold | threshold | accuracy (%) |\n|---|---|---|\n");
        for (int fold = 0; fold < result.foldAccuracies().length; fold++) {
            text.append(String.format(Locale.ROOT, "| %d | %.2f | %s |%n", fold + 1, result.bestThresholds()[fold],
                    percent(result.foldAccuracies()[fold], 2)));
        }
        return text.toString();
    }

    public static String ijb(String name, IjbResult result) {
        StringBuilder header = new StringBuilder("| pairs | genuine |");
        StringBuilder rule = new StringBuilder("|---|---|");
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d |", result.pairs(), result.genuine()));
        for (int i = 0; i < result.fars().length; i++) {
            header.append(" TAR@FAR=").append(ReportJson.farKey(result.fars()[i])).append(" (%) |");
            rule.append("---|");
            row.append(' ').append(percent(result.tars()[i], 2)).append(" |");
        }
        return "# " + name + ": IJB 1:1 verification\n\n" + header + "\n" + rule + "\n" + row + "\n";
    }

    /** The 1:N table, appended to the IJB report. */
    public static String identification(String name, IdentificationResult result) {
        StringBuilder header = new StringBuilder("| probes | gallery |");
        StringBuilder rule = new StringBuilder("|---|---|");
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d | %d |", result.probes(),
                result.gallery()));
        for (int i = 0; i < result.ranks().length; i++) {
            header.append(" rank-").append(result.ranks()[i]).append(" (%) |");
            rule.append("---|");
            row.append(' ').append(percent(result.rankAccuracies()[i], 2)).append(" |");
        }
        for (int i = 0; i < result.fpirs().length; i++) {
            header.append(" TPIR@FPIR=").append(ReportJson.farKey(result.fpirs()[i])).append(" (%) |");
            rule.append("---|");
            row.append(' ').append(percent(result.tpirs()[i], 2)).append(" |");
        }
        return "\n# " + name + ": IJB 1:N identification (gallery G1+G2, mixed probes)\n\n" + header + "\n" + rule
                + "\n" + row + "\n";
    }

    private static String percent(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", 100 * value) : "n/a";
    }

    private static String fraction(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a";
    }
}
