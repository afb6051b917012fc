package mhlr.train.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The combined margin softmax of insightface: logits are s * cos(theta) for every class except the target, whose
 * logit becomes s * (cos(m1 * theta + m2) - m3); then softmax cross-entropy, averaged over the batch. ArcFace is
 * (s, m1, m2, m3) = (64, 1, 0.5, 0), CosFace (64, 1, 0, 0.4).
 *
 * <p>Cosines are between L2-normalised embeddings and L2-normalised class centres and are clamped to
 * [-1 + {@link #COSINE_EPSILON}, 1 - {@link #COSINE_EPSILON}] so that sqrt(1 - cos^2) keeps a finite gradient.
 *
 * <p>With m1 = 1 and m2 &gt; 0 the target follows arcface_torch's differentiable ArcFace: cos(theta + m2) =
 * cos * cos(m2) - sin * sin(m2) where cos(theta) &gt; cos(pi - m2), else cos - m2 * sin(pi - m2), which keeps the target
 * logit decreasing in theta once theta + m2 would pass pi; with easy margin the condition is cos &gt; 0 and the
 * fallback the plain cosine. (The newest arcface_torch applies the ArcFace angle under {@code no_grad}, i.e. passes the
 * gradient straight through; this class keeps the exact gradient, which a finite-difference check verifies.)
 * With m1 != 1 the target is cos(m1 * acos(cos) + m2) - m3 without a fallback.
 *
 * <p>{@link #build} writes the forward pass and its gradient into the graph (the backbone's graph carries its own
 * backward, see {@code mhlr.train.model.GradientTape}).
 */
public final class CombinedMarginLoss {

    /** Distance of the cosine clamp from +-1. */
    public static final double COSINE_EPSILON = 1e-6;
    /** arcface_torch's scale. */
    public static final double DEFAULT_SCALE = 64;
    private static final double NORM_EPSILON = 1e-24;

    private final double scale;
    private final double m1;
    private final double m2;
    private final double m3;
    private final boolean easyMargin;

    /**
     * @param scale      s, the logit scale
     * @param m1         multiplicative angular margin (SphereFace), 1 for none
     * @param m2         additive angular margin (ArcFace), 0 for none
     * @param m3         additive cosine margin (CosFace), 0 for none
     * @param easyMargin ArcFace's easy margin: apply the angular margin only where cos &gt; 0
     */
    public CombinedMarginLoss(double scale, double m1, double m2, double m3, boolean easyMargin) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("margin-loss scale must be positive, got " + scale);
        }
        if (!(m1 > 0) || m2 < 0 || m3 < 0 || m2 >= Math.PI) {
            throw new IllegalArgumentException("margins need m1 > 0, 0 <= m2 < pi, m3 >= 0; got m1=" + m1 + " m2="
                    + m2 + " m3=" + m3);
        }
        this.scale = scale;
        this.m1 = m1;
        this.m2 = m2;
        this.m3 = m3;
        this.easyMargin = easyMargin;
    }

    /** ArcFace as arcface_torch: s = 64, m2 = 0.5. */
    public static CombinedMarginLoss arcFace() {
        return new CombinedMarginLoss(DEFAULT_SCALE, 1, 0.5, 0, false);
    }

    /** CosFace as arcface_torch: s = 64, m3 = 0.4. */
    public static CombinedMarginLoss cosFace() {
        return new CombinedMarginLoss(DEFAULT_SCALE, 1, 0, 0.4, false);
    }

    /** The logit scale s. */
    public double scale() {
        return scale;
    }

    /** The margins (m1, m2, m3). */
    public double[] margins() {
        return new double[] {m1, m2, m3};
    }

    /** Whether ArcFace's easy margin is on. */
    public boolean easyMargin() {
        return easyMargin;
    }

    /**
     * The target logit before scaling, for a cosine already clamped: the same arithmetic as the graph, in plain
     * Java, for tests and for reading the head's output.
     */
    public double targetCosine(double cosine) {
        double margined;
        if (m1 == 1 && m2 > 0) {
            double arc = cosine * Math.cos(m2) - Math.sqrt(1 - cosine * cosine) * Math.sin(m2);
            if (easyMargin) {
                margined = cosine > 0 ? arc : cosine;
            } else {
                margined = cosine > Math.cos(Math.PI - m2) ? arc : cosine - Math.sin(Math.PI - m2) * m2;
            }
        } else if (m1 != 1) {
            margined = Math.cos(m1 * Math.acos(cosine) + m2);
        } else {
            margined = cosine;
        }
        return margined - m3;
    }

    /**
     * Adds the head to a graph: loss and the gradients of the loss with respect to its two inputs.
     *
     * @param embeddings   [batch, features], any norm
     * @param classCentres [classes, features], any norm (arcface_torch's FC weight, or Partial FC's sampled rows)
     * @param oneHot       [batch, classes], 1 at each image's class, 0 elsewhere
     */
    public Head build(SameDiff sd, SDVariable embeddings, SDVariable classCentres, SDVariable oneHot) {
        SDVariable embeddingNorms = rowNorms(sd, embeddings);
        SDVariable unitEmbeddings = embeddings.div(embeddingNorms);
        SDVariable centreNorms = rowNorms(sd, classCentres);
        SDVariable unitCentres = classCentres.div(centreNorms);
        SDVariable rawCosines = sd.mmul(unitEmbeddings, unitCentres, false, true, false);
        double low = -1 + COSINE_EPSILON;
        double high = 1 - COSINE_EPSILON;
        SDVariable cosines = sd.math().clipByValue(rawCosines, low, high);
        SDVariable target = cosines.mul(oneHot).sum(true, 1);
        SDVariable[] margin = marginTarget(sd, target);
        SDVariable logits = cosines.add(oneHot.mul(margin[0].sub(target))).mul(scale);
        SDVariable logProbabilities = sd.nn().logSoftmax(logits);
        SDVariable loss = logProbabilities.mul(oneHot).sum(1).mean().neg();

        SDVariable batch = sd.sizeAt(embeddings, 0).castTo(embeddings.dataType());
        SDVariable logitGradient = sd.math().exp(logProbabilities).sub(oneHot).div(batch);
        SDVariable targetGradient = logitGradient.mul(oneHot).sum(true, 1).mul(margin[1].sub(1));
        SDVariable cosineGradient = logitGradient.add(oneHot.mul(targetGradient)).mul(scale);
        SDVariable inRange = rawCosines.gt(low).castTo(cosines.dataType())
                .mul(rawCosines.lt(high).castTo(cosines.dataType()));
        SDVariable rawGradient = cosineGradient.mul(inRange);
        SDVariable unitEmbeddingGradient = sd.mmul(rawGradient, unitCentres);
        SDVariable unitCentreGradient = sd.mmul(rawGradient, unitEmbeddings, true, false, false);
        return new Head(loss,
                normaliseBackward(unitEmbeddings, embeddingNorms, unitEmbeddingGradient),
                normaliseBackward(unitCentres, centreNorms, unitCentreGradient));
    }

    /**
     * The head's outputs.
     *
     * @param loss               scalar mean cross-entropy
     * @param embeddingGradient  d loss / d embeddings, [batch, features]
     * @param classCentreGradient d loss / d class centres, [classes, features]
     */
    public record Head(SDVariable loss, SDVariable embeddingGradient, SDVariable classCentreGradient) {
    }

    /** The margined target cosine and its derivative with respect to the target cosine, both [batch, 1]. */
    private SDVariable[] marginTarget(SameDiff sd, SDVariable target) {
        SDVariable margined;
        SDVariable derivative;
        if (m1 == 1 && m2 > 0) {
            SDVariable sine = sd.math().sqrt(target.mul(target).rsub(1));
            SDVariable arc = target.mul(Math.cos(m2)).sub(sine.mul(Math.sin(m2)));
            SDVariable arcDerivative = target.div(sine).mul(Math.sin(m2)).add(Math.cos(m2));
            SDVariable condition = easyMargin ? target.gt(0) : target.gt(Math.cos(Math.PI - m2));
            SDVariable useArc = condition.castTo(target.dataType());
            SDVariable useFallback = useArc.rsub(1);
            SDVariable fallback = easyMargin ? target : target.sub(Math.sin(Math.PI - m2) * m2);
            margined = useArc.mul(arc).add(useFallback.mul(fallback));
            derivative = useArc.mul(arcDerivative).add(useFallback);
        } else if (m1 != 1) {
            SDVariable angle = sd.math().acos(target).mul(m1).add(m2);
            margined = sd.math().cos(angle);
            derivative = sd.math().sin(angle).mul(m1).div(sd.math().sqrt(target.mul(target).rsub(1)));
        } else {
            margined = target;
            derivative = sd.onesLike(target);
        }
        return new SDVariable[] {m3 == 0 ? margined : margined.sub(m3), derivative};
    }

    private static SDVariable rowNorms(SameDiff sd, SDVariable rows) {
        return sd.math().sqrt(rows.mul(rows).sum(true, 1).add(NORM_EPSILON));
    }

    /** Gradient through u = x / |x|: (du - u * rowsum(du * u)) / |x|. */
    private static SDVariable normaliseBackward(SDVariable unit, SDVariable norms, SDVariable unitGradient) {
        SDVariable radial = unitGradient.mul(unit).sum(true, 1);
        return unitGradient.sub(unit.mul(radial)).div(norms);
    }

    @Override
    public String toString() {
        return "CombinedMarginLoss(s=" + scale + ", m1=" + m1 + ", m2=" + m2 + ", m3=" + m3
                + (easyMargin ? ", easy margin" : "") + ")";
    }
}
