package mhlr.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import mhlr.evaluate.embed.FeatureMatrix;
import mhlr.evaluate.embed.NpyFile;
import mhlr.evaluate.protocol.IjbProtocol;
import mhlr.evaluate.protocol.PairScorer;
import mhlr.evaluate.protocol.TemplateFeatures;
import mhlr.evaluate.protocol.TemplatePairs;
import mhlr.evaluate.protocol.TemplatePooling;
import mhlr.evaluate.protocol.TenFoldFeatures;
import mhlr.evaluate.protocol.TenFoldResult;
import mhlr.evaluate.roc.Roc;
import mhlr.evaluate.roc.RocCurve;
import org.junit.jupiter.api.Test;

/**
 * The figures insightface's own code gives on the fixtures of {@code src/test/resources/mhlr/evaluate/reference}
 * (made and printed by {@code make_reference.py} there, with numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1).
 */
class ReferenceFiguresTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReferenceFiguresTest.class.getResource("/mhlr/evaluate/reference/" + name).toURI());
    }

    @Test
    void tenFoldEqualsInsightfaceVerification() throws Exception {
        FeatureMatrix features = NpyFile.read(resource("tenfold.npy"), true);
        double[] distances = TenFoldFeatures.fromRows(features, 600, "tenfold.npy");
        boolean[] same = new boolean[600];
        for (int i = 0; i < same.length; i++) {
            same[i] = i % 60 < 30;
        }
        TenFoldResult result = TenFoldResult.of(distances, same);
        assertArrayEquals(new double[] {0.7666666666666667, 0.8, 0.8166666666666667, 0.8166666666666667,
            0.7666666666666667, 0.8166666666666667, 0.9166666666666666, 0.7833333333333333, 0.8, 0.8666666666666667},
                result.foldAccuracies());
        assertEquals(0.8150000000000001, result.accuracyMean());
        assertEquals(0.04374801582802227, result.accuracyStd());
        assertEquals(0.11333333333333336, result.valAtFar());
        assertEquals(0.04760952285695233, result.valStd());
        assertEquals(0.003333333333333333, result.farMean());
        assertEquals(0.8817888888888888, result.areaUnderCurve());
    }

    @Test
    void ijbEqualsInsightfaceEvalIjbc() throws Exception {
        IjbProtocol protocol = EvaluationData.ijb(resource("ijb"));
        FeatureMatrix features = NpyFile.read(resource("ijb.npy"), true);
        TemplateFeatures templates = TemplatePooling.pool(features, protocol.templateIds(), protocol.mediaIds(),
                protocol.detectorScores());
        TemplatePairs pairs = TemplatePairs.resolve(protocol.leftTemplates(), protocol.rightTemplates(),
                protocol.same(), templates, "ijb");
        double[] scores = new double[pairs.size()];
        new PairScorer(templates).score(pairs.left(), pairs.right(), 0, pairs.size(), scores);
        RocCurve curve = Roc.curve(scores, pairs.same());
        assertEquals(157, curve.genuine());
        double[] fars = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};
        double[] expected = {0.31210191082802546, 0.31210191082802546, 0.31210191082802546, 0.3184713375796178,
            0.5859872611464968, 0.9681528662420382};
        for (int i = 0; i < fars.length; i++) {
            assertEquals(expected[i], curve.tarAtFar(fars[i]), "TAR@" + fars[i]);
        }
    }
}
