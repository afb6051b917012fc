package mhlr.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CombinedMarginLossTest {

    private static final int BATCH = 5;
    private static final int CLASSES = 7;
    private static final int FEATURES = 6;
    private static final int[] LABELS = {0, 6, 2, 2, 4};

    private static CombinedMarginLoss exact(double scale, double m1, double m2, double m3) {
        return new CombinedMarginLoss(scale, new Margins(m1, m2, m3), MarginGradient.EXACT);
    }

    private static CombinedMarginLoss straightThrough(double scale, double m2, double m3) {
        return new CombinedMarginLoss(scale, new Margins(1, m2, m3), MarginGradient.STRAIGHT_THROUGH);
    }

    @Test
    void arcFaceTargetIsTheCosineOfAnglePlusMarginAtEveryAngleAsArcfaceTorch() {
        CombinedMarginLoss arcFace = CombinedMarginLoss.arcFace();
        for (double theta : new double[] {0, 0.3, 1.0, 2.5, Math.PI - 0.3, Math.PI}) {
            assertEquals(Math.cos(theta + 0.5), arcFace.targetCosine(Math.cos(theta)), 1e-12, "theta " + theta);
        }
    }

    @Test
    void exactArcFaceFallsBackLinearlyPastPiMinusMargin() {
        CombinedMarginLoss arcFace = exact(64, 1, 0.5, 0);
        assertEquals(Math.cos(1.0 + 0.5), arcFace.targetCosine(Math.cos(1.0)), 1e-12);
        double beyond = Math.PI - 0.3;
        assertEquals(Math.cos(beyond) - Math.sin(Math.PI - 0.5) * 0.5, arcFace.targetCosine(Math.cos(beyond)), 1e-12);
    }

    @Test
    void cosFaceSubtractsTheMarginFromTheTargetCosine() {
        assertEquals(0.7 - 0.4, CombinedMarginLoss.cosFace().targetCosine(0.7), 1e-12);
    }

    @Test
    void withBothAdditiveMarginsStraightThroughAppliesOnlyTheCosineMarginAndExactBoth() {
        assertEquals(0.7 - 0.4, straightThrough(64, 0.5, 0.4).targetCosine(0.7), 1e-12);
        assertEquals(Math.cos(Math.acos(0.7) + 0.5) - 0.4, exact(64, 1, 0.5, 0.4).targetCosine(0.7), 1e-12);
    }

    @Test
    void lossEqualsCrossEntropyOfScaledMarginLogitsComputedByHand() {
        for (CombinedMarginLoss loss : heads()) {
            INDArray embeddings = random(BATCH, FEATURES, 1);
            INDArray centres = random(CLASSES, FEATURES, 2);
            double graph = evaluate(loss, embeddings, centres).get("loss").getDouble(0);
            assertEquals(referenceLoss(loss, embeddings, centres, null), graph, 1e-9, loss.toString());
        }
    }

    @Test
    void exactGradientsMatchFiniteDifferencesForArcFaceCosFaceAndCombinedMargins() {
        for (CombinedMarginLoss loss : List.of(exact(64, 1, 0.5, 0), exact(8, 1, 0, 0.4), exact(8, 1.2, 0.3, 0.2),
                exact(8, 1, 0.5, 0.4))) {
            INDArray embeddings = random(BATCH, FEATURES, 3);
            INDArray centres = random(CLASSES, FEATURES, 4);
            HeadGraph graph = new HeadGraph(loss);
            Map<String, INDArray> analytic = graph.run(embeddings, centres);
            List<String> failures = new ArrayList<>();
            compare(graph::loss, embeddings, centres, embeddings, analytic.get("embeddings"), "embeddings", 1, failures);
            compare(graph::loss, embeddings, centres, centres, analytic.get("centres"), "centres", 3, failures);
            assertTrue(failures.isEmpty(), loss + ": " + failures);
        }
    }

    @Test
    void straightThroughGradientsAreThoseOfTheLossWithTheMarginHeldConstant() {
        // arcface_torch applies the margin under no_grad: the gradient is that of s * (cos + d) with the offset
        // d = margined(cos) - cos frozen at the current point. Finite differences of that frozen loss must match.
        for (CombinedMarginLoss loss : List.of(CombinedMarginLoss.arcFace(), CombinedMarginLoss.cosFace(),
                straightThrough(8, 0.5, 0.4))) {
            INDArray embeddings = random(BATCH, FEATURES, 5);
            INDArray centres = random(CLASSES, FEATURES, 6);
            double[] offsets = targetOffsets(loss, embeddings, centres);
            Map<String, INDArray> analytic = new HeadGraph(loss).run(embeddings, centres);
            List<String> failures = new ArrayList<>();
            LossFunction frozen = (e, w) -> referenceLoss(loss, e, w, offsets);
            compare(frozen, embeddings, centres, embeddings, analytic.get("embeddings"), "embeddings", 1, failures);
            compare(frozen, embeddings, centres, centres, analytic.get("centres"), "centres", 3, failures);
            assertTrue(failures.isEmpty(), loss + ": " + failures);
        }
    }

    @Test
    void aFullyLearntBatchGivesFiniteBoundedGradientsInBothForms() {
        // Every embedding lies on its class centre: target cosines of 1 up to float rounding.
        INDArray centres = random(CLASSES, FEATURES, 7).castTo(DataType.FLOAT);
        INDArray embeddings = Nd4j.create(DataType.FLOAT, BATCH, FEATURES);
        for (int i = 0; i < BATCH; i++) {
            embeddings.putRow(i, centres.getRow(LABELS[i]).mul(1 + i));
        }
        for (CombinedMarginLoss loss : List.of(CombinedMarginLoss.arcFace(), exact(64, 1, 0.5, 0))) {
            Map<String, INDArray> out = new HeadGraph(loss, DataType.FLOAT).run(embeddings, centres);
            for (String name : List.of("loss", "embeddings", "centres")) {
                INDArray values = out.get(name);
                for (long k = 0; k < values.length(); k++) {
                    assertTrue(Double.isFinite(values.getDouble(k)), loss + ": " + name + "[" + k + "] = "
                            + values.getDouble(k));
                }
            }
        }
        // Straight through, d loss / d cos(i, k) is s * (p_ik - y_ik) / B, whose absolute values sum to at most 2s over
        // the batch and the classes; normalisation divides by each centre's norm. The exact form's target derivative
        // near cos = 1 (about 340 at the clamp) breaks this bound.
        INDArray centreGradient = new HeadGraph(CombinedMarginLoss.arcFace(), DataType.FLOAT).run(embeddings, centres)
                .get("centres");
        double bound = 2 * CombinedMarginLoss.DEFAULT_SCALE / minimumNorm(centres);
        assertTrue(centreGradient.norm2Number().doubleValue() < bound, "centre gradient "
                + centreGradient.norm2Number() + " over " + bound);
    }

    @Test
    void aLogitFarBelowItsRowsLargestLeavesTheLossFinite() {
        // Image 0 lies on its centre (cos 1, ArcFace logit 64 cos 0.5 = 56.2) and opposite class 6's (logit -64): a gap
        // of 120, past the 104 at which ND4J's own logSoftmax underflows to -Infinity and the loss became NaN.
        INDArray centres = Nd4j.zeros(DataType.FLOAT, CLASSES, FEATURES);
        for (int k = 0; k < FEATURES; k++) {
            centres.putScalar(k, k, 1f);
        }
        centres.putScalar(6, 0, -1f);
        INDArray embeddings = Nd4j.rand(DataType.FLOAT, BATCH, FEATURES).addi(0.1);
        embeddings.putRow(0, centres.getRow(LABELS[0]).mul(3));
        for (CombinedMarginLoss loss : List.of(CombinedMarginLoss.arcFace(), exact(64, 1, 0.5, 0))) {
            double graph = new HeadGraph(loss, DataType.FLOAT).run(embeddings, centres).get("loss").getDouble(0);
            double reference = referenceLoss(loss, embeddings.castTo(DataType.DOUBLE), centres.castTo(DataType.DOUBLE),
                    null);
            assertEquals(reference, graph, 1e-4 * reference, loss.toString());
        }
    }

    @Test
    void marginsOutOfRangeAndAMultiplicativeMarginWithoutTheExactGradientAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> exact(0, 1, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> exact(64, 1, -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> exact(64, 1, 0, -0.4));
        assertThrows(IllegalArgumentException.class,
                () -> new CombinedMarginLoss(64, new Margins(1.2, 0.3, 0), MarginGradient.STRAIGHT_THROUGH));
        assertEquals(MarginGradient.EXACT, MarginGradient.fromKey("Exact"));
        assertThrows(IllegalArgumentException.class, () -> MarginGradient.fromKey("no-grad"));
    }

    private static List<CombinedMarginLoss> heads() {
        return List.of(CombinedMarginLoss.arcFace(), CombinedMarginLoss.cosFace(), straightThrough(8, 0.5, 0.4),
                exact(64, 1, 0.5, 0), exact(8, 1, 0, 0.4), exact(8, 1.2, 0.3, 0.2));
    }

    @FunctionalInterface
    private interface LossFunction {
        double loss(INDArray embeddings, INDArray centres);
    }

    /** Central differences of every {@code stride}-th entry of {@code perturbed} against {@code analytic}. */
    private static void compare(LossFunction function, INDArray embeddings, INDArray centres, INDArray perturbed,
            INDArray analytic, String what, int stride, List<String> failures) {
        double step = 1e-6;
        for (long i = 0; i < perturbed.length(); i += stride) {
            double original = perturbed.getDouble(i);
            perturbed.putScalar(i, original + step);
            double plus = function.loss(embeddings, centres);
            perturbed.putScalar(i, original - step);
            double minus = function.loss(embeddings, centres);
            perturbed.putScalar(i, original);
            double numeric = (plus - minus) / (2 * step);
            double exact = analytic.getDouble(i);
            if (Math.abs(numeric - exact) > 1e-6 * Math.max(1, Math.abs(numeric))) {
                failures.add(what + "[" + i + "] analytic " + exact + " numeric " + numeric);
            }
        }
    }

    private static Map<String, INDArray> evaluate(CombinedMarginLoss loss, INDArray embeddings, INDArray centres) {
        return new HeadGraph(loss).run(embeddings, centres);
    }

    /** The head in a graph of its own, built once and run for many inputs. */
    private static final class HeadGraph {
        private final SameDiff sd = SameDiff.create();
        private final CombinedMarginLoss.Head head;
        private final DataType type;

        HeadGraph(CombinedMarginLoss loss) {
            this(loss, DataType.DOUBLE);
        }

        HeadGraph(CombinedMarginLoss loss, DataType type) {
            this.type = type;
            SDVariable e = sd.placeHolder("e", type, -1, FEATURES);
            SDVariable w = sd.placeHolder("w", type, -1, FEATURES);
            SDVariable y = sd.placeHolder("y", type, -1, -1);
            head = loss.build(sd, e, w, y);
        }

        Map<String, INDArray> run(INDArray embeddings, INDArray centres) {
            Map<String, INDArray> out = sd.output(Map.of("e", embeddings, "w", centres, "y", oneHot().castTo(type)),
                    head.loss().name(), head.embeddingGradient().name(), head.classCentreGradient().name());
            return Map.of("loss", out.get(head.loss().name()), "embeddings", out.get(head.embeddingGradient().name()),
                    "centres", out.get(head.classCentreGradient().name()));
        }

        double loss(INDArray embeddings, INDArray centres) {
            return sd.output(Map.of("e", embeddings, "w", centres, "y", oneHot().castTo(type)), head.loss().name())
                    .get(head.loss().name()).getDouble(0);
        }
    }

    /** margined(cos) - cos of each image's target, at the given point. */
    private static double[] targetOffsets(CombinedMarginLoss loss, INDArray embeddings, INDArray centres) {
        double[] offsets = new double[BATCH];
        for (int i = 0; i < BATCH; i++) {
            double cosine = clamp(loss, cosine(embeddings.getRow(i), centres.getRow(LABELS[i])));
            offsets[i] = loss.targetCosine(cosine) - cosine;
        }
        return offsets;
    }

    /**
     * Mean cross-entropy of the scaled logits, computed by hand: the target logit margined as {@link
     * CombinedMarginLoss#targetCosine}, or, given {@code offsets}, the cosine plus that fixed offset.
     */
    private static double referenceLoss(CombinedMarginLoss loss, INDArray embeddings, INDArray centres,
            double[] offsets) {
        double total = 0;
        for (int i = 0; i < BATCH; i++) {
            double[] logits = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < CLASSES; k++) {
                double cosine = clamp(loss, cosine(embeddings.getRow(i), centres.getRow(k)));
                double target = offsets == null ? loss.targetCosine(cosine) : cosine + offsets[i];
                logits[k] = loss.scale() * (k == LABELS[i] ? target : cosine);
                max = Math.max(max, logits[k]);
            }
            double sum = 0;
            for (double logit : logits) {
                sum += Math.exp(logit - max);
            }
            total += -(logits[LABELS[i]] - max - Math.log(sum));
        }
        return total / BATCH;
    }

    private static double clamp(CombinedMarginLoss loss, double cosine) {
        return Math.max(-loss.cosineLimit(), Math.min(loss.cosineLimit(), cosine));
    }

    private static double cosine(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue() / (a.norm2Number().doubleValue() * b.norm2Number().doubleValue());
    }

    private static double minimumNorm(INDArray rows) {
        return rows.norm2(1).minNumber().doubleValue();
    }

    private static INDArray oneHot() {
        INDArray oneHot = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            oneHot.putScalar(i, LABELS[i], 1.0);
        }
        return oneHot;
    }

    private static INDArray random(int rows, int columns, long seed) {
        INDArray values = Nd4j.create(DataType.DOUBLE, rows, columns);
        return Nd4j.randn(values, Nd4j.getRandomFactory().getNewRandomInstance(seed));
    }
}
