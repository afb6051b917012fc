package mhlr.train.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.Layout;
import mhlr.train.model.TrainingModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput next to ND4J's own matrix multiply, measured in one run so that a shared machine's load hits
 * both alike: for each backbone, layout and batch size, the fp32 GFLOP/s of an n x n matrix product right before
 * and right after the timed training steps, the training images/s and the achieved GFLOP/s, counted analytically as
 * 3 x the forward FLOPs (2 per multiply-accumulate) of convolutions and matrix products, and their ratio.
 *
 * <pre>
 *   java -cp "$(cat train/target/classpath.txt):train/target/classes:train/target/test-classes" \
 *       mhlr.train.bench.TrainingThroughputBench [--backbones mobilefacenet,iresnet18] [--layouts NCHW,NHWC]
 *       [--batches 32] [--size 112] [--classes 1000] [--steps 3] [--warmup 2] [--matrix 2048]
 * </pre>
 */
public final class TrainingThroughputBench {

    private TrainingThroughputBench() {
    }

    /** Runs the measurements and prints one line per configuration. */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "threads: OMP_NUM_THREADS=%s, ND4J %d%n", System.getenv("OMP_NUM_THREADS"),
                Nd4j.getEnvironment().maxThreads());
        System.out.println("backbone      layout batch  mmul-before mmul-after  img/s    GFLOP/s  ratio  loss first->last");
        for (String backbone : options.backbones) {
            for (Layout layout : options.layouts) {
                for (int batch : options.batches) {
                    run(options, backbone, layout, batch);
                }
            }
        }
    }

    private static void run(Options options, String backbone, Layout layout, int batch) {
        BackboneSpec spec = BackboneSpec.builder(backbone).inputSize(options.size).layout(layout).build();
        TrainingModel model = TrainingModel.builder(spec, options.classes).seed(1).build();
        INDArray images = Nd4j.rand(DataType.FLOAT, batch, 3, options.size, options.size).muli(2).subi(1);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % options.classes;
        }
        double firstLoss = Double.NaN;
        for (int i = 0; i < options.warmup; i++) {
            double loss = model.step(images, labels, 0.01).loss();
            firstLoss = Double.isNaN(firstLoss) ? loss : firstLoss;
        }
        double before = matrixMultiplyGflops(options.matrix);
        long start = System.nanoTime();
        double lastLoss = Double.NaN;
        for (int i = 0; i < options.steps; i++) {
            lastLoss = model.step(images, labels, 0.01).loss();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double after = matrixMultiplyGflops(options.matrix);
        double imagesPerSecond = (double) batch * options.steps / seconds;
        double trainingGflops = 3.0 * 2.0 * model.multiplyAccumulatesPerImage() * imagesPerSecond / 1e9;
        double ratio = trainingGflops / ((before + after) / 2);
        System.out.printf(Locale.ROOT, "%-13s %-6s %5d  %10.1f %10.1f %7.2f %9.1f %6.1f%%  %.3f->%.3f%n", backbone,
                layout, batch, before, after, imagesPerSecond, trainingGflops, 100 * ratio, firstLoss, lastLoss);
    }

    /** GFLOP/s of an n x n fp32 matrix product (best of three after one warm-up). */
    static double matrixMultiplyGflops(int n) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        a.mmuli(b, c);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            a.mmuli(b, c);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    private static final class Options {
        private List<String> backbones = List.of("mobilefacenet", "iresnet18");
        private List<Layout> layouts = List.of(Layout.NCHW);
        private List<Integer> batches = List.of(32);
        private int size = 112;
        private int classes = 1000;
        private int steps = 3;
        private int warmup = 2;
        private int matrix = 2048;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--backbones" -> options.backbones = List.of(value.split(","));
                    case "--layouts" -> options.layouts = Arrays.stream(value.split(",")).map(Layout::valueOf).toList();
                    case "--batches" -> options.batches = Arrays.stream(value.split(",")).map(Integer::valueOf).toList();
                    case "--size" -> options.size = Integer.parseInt(value);
                    case "--classes" -> options.classes = Integer.parseInt(value);
                    case "--steps" -> options.steps = Integer.parseInt(value);
                    case "--warmup" -> options.warmup = Integer.parseInt(value);
                    case "--matrix" -> options.matrix = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --backbones,"
                            + " --layouts, --batches, --size, --classes, --steps, --warmup, --matrix");
                }
            }
            return options;
        }
    }
}
