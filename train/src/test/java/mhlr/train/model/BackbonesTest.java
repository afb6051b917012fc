package mhlr.train.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BackbonesTest {

    @Test
    void iResNet18At112HasArcfaceTorchsLayersAndSize() {
        BackboneGraph graph = build(BackboneSpec.builder("iresnet18").build());
        Map<String, INDArray> parameters = graph.parameters();
        assertArrayEquals(new long[] {3, 3, 3, 64}, parameters.get("conv1.weight").shape());
        assertArrayEquals(new long[] {1, 1, 64, 128}, parameters.get("layer2.0.downsample.0.weight").shape());
        assertArrayEquals(new long[] {3, 3, 512, 512}, parameters.get("layer4.1.conv2.weight").shape());
        assertArrayEquals(new long[] {512 * 7 * 7, 512}, parameters.get("fc.weight").shape());
        assertTrue(parameters.containsKey("features.bias") && !parameters.containsKey("features.weight"),
                "the features BN scale is fixed at 1 as in arcface_torch");
        assertEquals(expectedIResNetParameters(new int[] {2, 2, 2, 2}, 7), count(parameters));
        assertEquals(2.61, graph.multiplyAccumulatesPerImage() / 1e9, 0.01);
    }

    @Test
    void iResNet50HasArcfaceTorchsParameterCountAndCost() {
        BackboneGraph graph = build(BackboneSpec.builder("iresnet50").build());
        assertEquals(expectedIResNetParameters(new int[] {3, 4, 14, 3}, 7), count(graph.parameters()));
        assertEquals(6.3, graph.multiplyAccumulatesPerImage() / 1e9, 0.05);
    }

    @Test
    void smallerInputsAndWidthsShrinkTheNetwork() {
        BackboneGraph graph = build(BackboneSpec.builder("iresnet18").inputSize(56).widthMultiplier(0.25).build());
        assertArrayEquals(new long[] {128 * 4 * 4, 512}, graph.parameters().get("fc.weight").shape());
        assertArrayEquals(new long[] {3, 3, 3, 16}, graph.parameters().get("conv1.weight").shape());
    }

    @Test
    void mobileFaceNetEndsInAGlobalDepthwiseConvolutionOverTheFinalMap() {
        BackboneGraph graph = build(BackboneSpec.builder("mobilefacenet").build());
        Map<String, INDArray> parameters = graph.parameters();
        assertArrayEquals(new long[] {7, 7, 512, 1}, parameters.get("features.layers.0.layers.0.weight").shape());
        assertArrayEquals(new long[] {512, 512}, parameters.get("features.layers.2.weight").shape());
        assertArrayEquals(new long[] {3, 3, 3, 128}, parameters.get("layers.0.layers.0.weight").shape());
        long total = count(parameters);
        assertTrue(total > 1_000_000 && total < 2_500_000, "MobileFaceNet has " + total + " parameters");
        double gigaMacs = graph.multiplyAccumulatesPerImage() / 1e9;
        assertTrue(gigaMacs > 0.3 && gigaMacs < 0.6, "MobileFaceNet costs " + gigaMacs + " GMAC");
    }

    @Test
    void everyNameBuildsAndAnUnknownNameListsTheKnownOnes() {
        for (String name : Backbones.names()) {
            assertTrue(Backbones.create(name, 32) != null, name);
        }
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> Backbones.create("resnet9000", 112));
        assertTrue(error.getMessage().contains("iresnet50") && error.getMessage().contains("mobilefacenet"));
    }

    private static BackboneGraph build(BackboneSpec spec) {
        return BackboneGraph.build(SameDiff.create(), spec, GraphMode.INFERENCE, DataType.FLOAT, Map.of(),
                Nd4j.getRandomFactory().getNewRandomInstance(0));
    }

    private static long count(Map<String, INDArray> parameters) {
        return parameters.values().stream().mapToLong(INDArray::length).sum();
    }

    /** Trainable parameters of arcface_torch's IResNet, counted from its layer list. */
    private static long expectedIResNetParameters(int[] blocks, int finalSize) {
        int[] widths = {64, 128, 256, 512};
        long total = 3 * 64 * 9 + 2 * 64 + 64;
        int in = 64;
        for (int stage = 0; stage < 4; stage++) {
            int c = widths[stage];
            for (int block = 0; block < blocks[stage]; block++) {
                total += 2L * in + 9L * in * c + 2L * c + c + 9L * c * c + 2L * c;
                if (block == 0) {
                    total += (long) in * c + 2L * c;
                }
                in = c;
            }
        }
        long flat = 512L * finalSize * finalSize;
        return total + 2 * 512 + flat * 512 + 512 + 512;
    }
}
