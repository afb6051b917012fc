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

    @Test
    void arcFaceTargetIsCosineOfAnglePlusMarginAndFallsBackLinearlyPastPiMinusMargin() {
        CombinedMarginLoss arcFace = CombinedMarginLoss.arcFace();
        double theta = 1.0;
        assertEquals(Math.cos(theta + 0.5), arcFace.targetCosine(Math.cos(theta)), 1e-12);
        double beyond = Math.PI - 0.3;
        assertEquals(Math.cos(beyond) - Math.sin(Math.PI - 0.5) * 0.5, arcFace.targetCosine(Math.cos(beyond)), 1e-12);
        CombinedMarginLoss easy = new CombinedMarginLoss(64, 1, 0.5, 0, true);
        assertEquals(-0.2, easy.targetCosine(-0.2), 1e-12);
        assertEquals(Math.cos(Math.acos(0.3) + 0.5), easy.targetCosine(0.3), 1e-12);
    }

    @Test
    void cosFaceSubtractsTheMarginFromTheTargetCosine() {
        assertEquals(0.7 - 0.4, CombinedMarginLoss.cosFace().targetCosine(0.7), 1e-12);
    }

    @Test
    void lossEqualsCrossEntropyOfScaledMarginLogitsComputedByHand() {
        for (CombinedMarginLoss loss : heads()) {
            INDArray embeddings = random(BATCH, FEATURES, 1);
            INDArray centres = random(CLASSES, FEATURES, 2);
            double graph = evaluate(loss, embeddings, centres).get("loss").getDouble(0);
            assertEquals(referenceLoss(loss, embeddings, centres), graph, 1e-9, loss.toString());
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesForArcFaceCosFaceAndCombinedMargins() {
        for (CombinedMarginLoss loss : heads()) {
            INDArray embeddings = random(BATCH, FEATURES, 3);
            INDArray centres = random(CLASSES, FEATURES, 4);
            HeadGraph graph = new HeadGraph(loss);
            Map<String, INDArray> analytic = graph.run(embeddings, centres);
            List<String> failures = new ArrayList<>();
            compare(graph, embeddings, centres, embeddings, analytic.get("embeddings"), "embeddings", 1, failures);
            compare(graph, embeddings, centres, centres, analytic.get("centres"), "centres", 3, failures);
            assertTrue(failures.isEmpty(), loss + ": " + failures);
        }
    }

    @Test
    void marginsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CombinedMarginLoss(0, 1, 0.5, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new CombinedMarginLoss(64, 1, -0.1, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new CombinedMarginLoss(64, 1, 0, -0.4, false));
    }

    private static List<CombinedMarginLoss> heads() {
        return List.of(CombinedMarginLoss.arcFace(), new CombinedMarginLoss(8, 1, 0.5, 0, true),
                new CombinedMarginLoss(8, 1, 0, 0.4, false), new CombinedMarginLoss(8, 1.2, 0.3, 0.2, false));
    }

    /** Central differences of every {@code stride}-th entry of {@code perturbed} against {@code analytic}. */
    private static void compare(HeadGraph graph, INDArray embeddings, INDArray centres, INDArray perturbed,
            INDArray analytic, String what, int stride, List<String> failures) {
        double step = 1e-6;
        for (long i = 0; i < perturbed.length(); i += stride) {
            double original = perturbed.getDouble(i);
            perturbed.putScalar(i, original + step);
            double plus = graph.loss(embeddings, centres);
            perturbed.putScalar(i, original - step);
            double minus = graph.loss(embeddings, centres);
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

        HeadGraph(CombinedMarginLoss loss) {
            SDVariable e = sd.placeHolder("e", DataType.DOUBLE, -1, FEATURES);
            SDVariable w = sd.placeHolder("w", DataType.DOUBLE, -1, FEATURES);
            SDVariable y = sd.placeHolder("y", DataType.DOUBLE, -1, -1);
            head = loss.build(sd, e, w, y);
        }

        Map<String, INDArray> run(INDArray embeddings, INDArray centres) {
            Map<String, INDArray> out = sd.output(Map.of("e", embeddings, "w", centres, "y", oneHot()),
                    head.loss().name(), head.embeddingGradient().name(), head.classCentreGradient().name());
            return Map.of("loss", out.get(head.loss().name()), "embeddings", out.get(head.embeddingGradient().name()),
                    "centres", out.get(head.classCentreGradient().name()));
        }

        double loss(INDArray embeddings, INDArray centres) {
            return sd.output(Map.of("e", embeddings, "w", centres, "y", oneHot()), head.loss().name())
                    .get(head.loss().name()).getDouble(0);
        }
    }

    private static double referenceLoss(CombinedMarginLoss loss, INDArray embeddings, INDArray centres) {
        double total = 0;
        for (int i = 0; i < BATCH; i++) {
            double[] logits = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < CLASSES; k++) {
                double cosine = cosine(embeddings.getRow(i), centres.getRow(k));
                cosine = Math.max(-1 + CombinedMarginLoss.COSINE_EPSILON,
                        Math.min(1 - CombinedMarginLoss.COSINE_EPSILON, cosine));
                logits[k] = loss.scale() * (k == LABELS[i] ? loss.targetCosine(cosine) : cosine);
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

    private static double cosine(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue() / (a.norm2Number().doubleValue() * b.norm2Number().doubleValue());
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
