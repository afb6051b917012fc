package mhlr.train.loss;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The combined margin softmax of insightface: logits are s * cos(theta) for every class except the target, whose
 * logit carries a margin; then softmax cross-entropy, averaged over the batch. ArcFace is (s, m1, m2, m3) =
 * (64, 1, 0.5, 0), CosFace (64, 1, 0, 0.4). Cosines are between L2-normalised embeddings and L2-normalised class
 * centres.
 *
 * <p>How the target logit is formed and differentiated depends on {@link MarginGradient}:
 * <ul>
 *   <li>{@link MarginGradient#STRAIGHT_THROUGH} (the default) is arcface_torch's {@code CombinedMarginLoss} as FastFace
 *       trains with it: cosines clamped to [-1, 1]; with m1 = 1 and m3 = 0 the target becomes
 *       {@code cos(arccos(c) + m2)}; with m3 &gt; 0 it becomes {@code c - m3} (and m2 is not applied: arcface_torch's
 *       {@code elif}); m1 != 1 is refused, as arcface_torch raises. The margin is applied under {@code no_grad}, so the
 *       gradient reaching the cosine is that of an unmargined logit, bounded by s.</li>
 *   <li>{@link MarginGradient#EXACT} differentiates the margined target: cosines clamped to
 *       [-1 + {@link #COSINE_EPSILON}, 1 - {@link #COSINE_EPSILON}] so that sqrt(1 - c^2) stays away from 0; with
 *       m1 = 1 and m2 &gt; 0, {@code cos(theta + m2)} where {@code c > cos(pi - m2)}, else
 *       {@code c - m2 * sin(pi - m2)} (the older arcface_torch's fallback, which keeps the logit decreasing in theta);
 *       with m1 != 1, {@code cos(m1 * arccos(c) + m2)}; then m3 is subtracted, so both margins apply together.</li>
 * </ul>
 *
 * <p>{@link #build} writes the forward pass and its gradient into the graph (the backbone's graph carries its own
 * backward, see {@code mhlr.train.model.GradientTape}).
 */
public final class CombinedMarginLoss {

    /** Distance of the exact form's cosine clamp from +-1. */
    public static final double COSINE_EPSILON = 1e-6;
    /** arcface_torch's scale. */
    public static final double DEFAULT_SCALE = 64;
    private static final double NORM_EPSILON = 1e-24;

    private final double scale;
    private final double m1;
    private final double m2;
    private final double m3;
    private final MarginGradient gradient;

    /**
     * @param scale    s, the logit scale
     * @param margins  (m1, m2, m3); m1 != 1 only with {@link MarginGradient#EXACT}
     * @param gradient how the margined target is differentiated
     */
    public CombinedMarginLoss(double scale, Margins margins, MarginGradient gradient) {
        double m1 = margins.m1();
        double m2 = margins.m2();
        double m3 = margins.m3();
        if (!(scale > 0)) {
            throw new IllegalArgumentException("margin-loss scale must be positive, got " + scale);
        }
        if (!(m1 > 0) || m2 < 0 || m3 < 0 || m2 >= Math.PI) {
            throw new IllegalArgumentException("margins need m1 > 0, 0 <= m2 < pi, m3 >= 0; got m1=" + m1 + " m2="
                    + m2 + " m3=" + m3);
        }
        if (gradient == MarginGradient.STRAIGHT_THROUGH && m1 != 1) {
            throw new IllegalArgumentException("m1 = " + m1 + " (a multiplicative margin) needs train.loss.gradient ="
                    + " exact: arcface_torch's straight-through form has no m1");
        }
        this.scale = scale;
        this.m1 = m1;
        this.m2 = m2;
        this.m3 = m3;
        this.gradient = gradient;
    }

    /** ArcFace as arcface_torch: s = 64, m2 = 0.5, straight-through gradient. */
    public static CombinedMarginLoss arcFace() {
        return new CombinedMarginLoss(DEFAULT_SCALE, new Margins(1, 0.5, 0), MarginGradient.STRAIGHT_THROUGH);
    }

    /** CosFace as arcface_torch: s = 64, m3 = 0.4. */
    public static CombinedMarginLoss cosFace() {
        return new CombinedMarginLoss(DEFAULT_SCALE, new Margins(1, 0, 0.4), MarginGradient.STRAIGHT_THROUGH);
    }

    /** The logit scale s. */
    public double scale() {
        return scale;
    }

    /** The margins (m1, m2, m3). */
    public double[] margins() {
        return new double[] {m1, m2, m3};
    }

    /** How the margined target is differentiated. */
    public MarginGradient gradient() {
        return gradient;
    }

    /** The cosine range this form clamps to: [-1, 1], or {@link #COSINE_EPSILON} inside it for the exact form. */
    public double cosineLimit() {
        return gradient == MarginGradient.EXACT ? 1 - COSINE_EPSILON : 1;
    }

    /**
     * The target logit before scaling, for a cosine already clamped: the same arithmetic as the graph, in plain
     * Java, for tests and for reading the head's output.
     */
    public double targetCosine(double cosine) {
        if (gradient == MarginGradient.STRAIGHT_THROUGH) {
            return m3 > 0 ? cosine - m3 : Math.cos(Math.acos(cosine) + m2);
        }
        double margined;
        if (m1 == 1 && m2 > 0) {
            margined = cosine > Math.cos(Math.PI - m2)
                    ? cosine * Math.cos(m2) - Math.sqrt(1 - cosine * cosine) * Math.sin(m2)
                    : cosine - Math.sin(Math.PI - m2) * m2;
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
        double limit = cosineLimit();
        SDVariable cosines = sd.math().clipByValue(rawCosines, -limit, limit);
        SDVariable target = cosines.mul(oneHot).sum(true, 1);
        SDVariable logits = cosines.add(oneHot.mul(marginedTarget(sd, target).sub(target))).mul(scale);
        SDVariable logProbabilities = logSoftmax(sd, logits);
        SDVariable loss = logProbabilities.mul(oneHot).sum(1).mean().neg();

        SDVariable batch = sd.sizeAt(embeddings, 0).castTo(embeddings.dataType());
        SDVariable logitGradient = sd.math().exp(logProbabilities).sub(oneHot).div(batch);
        if (gradient == MarginGradient.EXACT) {
            SDVariable targetGradient = logitGradient.mul(oneHot).sum(true, 1).mul(targetDerivative(sd, target).sub(1));
            logitGradient = logitGradient.add(oneHot.mul(targetGradient));
        }
        SDVariable inRange = rawCosines.gte(-limit).castTo(cosines.dataType())
                .mul(rawCosines.lte(limit).castTo(cosines.dataType()));
        SDVariable rawGradient = logitGradient.mul(scale).mul(inRange);
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

    /** The margined target cosine, [batch, 1], as {@link #targetCosine} computes it. */
    private SDVariable marginedTarget(SameDiff sd, SDVariable target) {
        if (gradient == MarginGradient.STRAIGHT_THROUGH) {
            return m3 > 0 ? target.sub(m3) : sd.math().cos(sd.math().acos(target).add(m2));
        }
        SDVariable margined;
        if (m1 == 1 && m2 > 0) {
            SDVariable arc = target.mul(Math.cos(m2)).sub(sine(sd, target).mul(Math.sin(m2)));
            SDVariable useArc = arcRegion(target);
            margined = useArc.mul(arc).add(useArc.rsub(1).mul(target.sub(Math.sin(Math.PI - m2) * m2)));
        } else if (m1 != 1) {
            margined = sd.math().cos(sd.math().acos(target).mul(m1).add(m2));
        } else {
            margined = target;
        }
        return m3 == 0 ? margined : margined.sub(m3);
    }

    /** The exact form's derivative of the margined target with respect to the target cosine, [batch, 1]. */
    private SDVariable targetDerivative(SameDiff sd, SDVariable target) {
        if (m1 == 1 && m2 > 0) {
            SDVariable arcDerivative = target.div(sine(sd, target)).mul(Math.sin(m2)).add(Math.cos(m2));
            SDVariable useArc = arcRegion(target);
            return useArc.mul(arcDerivative).add(useArc.rsub(1));
        }
        if (m1 != 1) {
            SDVariable angle = sd.math().acos(target).mul(m1).add(m2);
            return sd.math().sin(angle).mul(m1).div(sine(sd, target));
        }
        return sd.onesLike(target);
    }

    /** 1 where cos(theta + m2) applies (theta + m2 &lt; pi), 0 where the linear fallback does. */
    private SDVariable arcRegion(SDVariable target) {
        return target.gt(Math.cos(Math.PI - m2)).castTo(target.dataType());
    }

    /**
     * Row-wise log-softmax as {@code x - max - log(sum(exp(x - max)))}, finite for every logit. ND4J M2.1's own
     * {@code logSoftmax} takes the log of the normalised exponentials: a logit more than about 104 below its row's
     * largest (reachable at s = 64, where logits span [-64, 64]) underflows to 0 in float32 and comes out as -Infinity,
     * and -Infinity times the one-hot's 0 makes the loss NaN. That ended the demo at step 267 on AVX2 machines.
     */
    private static SDVariable logSoftmax(SameDiff sd, SDVariable logits) {
        SDVariable shifted = logits.sub(logits.max(true, 1));
        return shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
    }

    private static SDVariable sine(SameDiff sd, SDVariable cosine) {
        return sd.math().sqrt(cosine.mul(cosine).rsub(1));
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
        return "CombinedMarginLoss(s=" + scale + ", m1=" + m1 + ", m2=" + m2 + ", m3=" + m3 + ", "
                + gradient.key() + " gradient)";
    }
}
