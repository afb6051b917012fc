package mhlr.train.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Picks the model of {@link MhlrClaimExperiment}: times training steps of candidate backbones at small input sizes on
 * random pixels (the speed does not depend on the pixel values), so the experiment's epoch budget can be set from a
 * measured images-per-second. Candidates run one after another in one JVM, so their ratios are comparable even when
 * the machine is shared.
 *
 * <pre>
 *   java -cp ... mhlr.train.experiment.MhlrClaimBackboneProbe [BATCH [STEPS [CLASSES [name@size ...]]]]
 * </pre>
 * Defaults: batch 64, 6 timed steps after 2 warm-up steps, 147 classes, and the candidates
 * {@code tiny@56 tiny@64 mobilefacenet@56 iresnet18@56}.
 */
public final class MhlrClaimBackboneProbe {
    private MhlrClaimBackboneProbe() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int classes = args.length > 2 ? Integer.parseInt(args[2]) : 147;
        List<String> candidates = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            candidates.add(args[i]);
        }
        if (candidates.isEmpty()) {
            candidates.addAll(List.of("tiny@56", "tiny@64", "mobilefacenet@56", "iresnet18@56"));
        }
        System.out.println("| backbone | input | MMAC/image | build s | train img/s | embed img/s |");
        System.out.println("|---|---|---|---|---|---|");
        for (String candidate : candidates) {
            String[] parts = candidate.split("@");
            probe(parts[0], Integer.parseInt(parts[1]), batch, steps, classes);
        }
    }

    private static void probe(String name, int size, int batch, int steps, int classes) {
        long built = System.nanoTime();
        TrainingModel model = TrainingModel.builder(BackboneSpec.builder(name).inputSize(size).build(), classes)
                .margin(CombinedMarginLoss.cosFace())
                .seed(3407)
                .build();
        double buildSeconds = (System.nanoTime() - built) / 1e9;
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, size, size).muli(2).subi(1);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % classes;
        }
        for (int i = 0; i < 2; i++) {
            model.step(images, labels, 0.01);
        }
        long started = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.step(images, labels, 0.01);
        }
        double trainSpeed = (double) steps * batch / ((System.nanoTime() - started) / 1e9);
        model.embed(images);
        started = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            model.embed(images);
        }
        double embedSpeed = (double) steps * batch / ((System.nanoTime() - started) / 1e9);
        System.out.println(String.format(Locale.ROOT, "| %s | %dx%d | %.1f | %.1f | %.1f | %.1f |", name, size, size,
                model.multiplyAccumulatesPerImage() / 1e6, buildSeconds, trainSpeed, embedSpeed));
    }
}
