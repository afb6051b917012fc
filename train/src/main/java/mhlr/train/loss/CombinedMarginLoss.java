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
 * gradient straight through; this class keeps the exact gradient, which a finite-difference check can verify.)
 * With m1 != 1 the target is cos(m1 * acos(cos) + m2) - m3 without a fallback.
 */
public final class CombinedMarginLoss {

    /** Distance of the cosine clamp from +-1. */
    public static final double COSINE_EPSILON = 1e-6;
    /** arcface_torch's scale. */
    public static final double DEFAULT_SCALE = 64;

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
     * Cosines between every embedding and every class centre, clamped.
     *
     * @param embeddings   [batch, features], any norm
     * @param classCentres [classes, features], any norm (arcface_torch's FC weight)
     * @return [batch, classes]
     */
    public SDVariable cosines(SameDiff sd, SDVariable embeddings, SDVariable classCentres) {
        SDVariable unitEmbeddings = normaliseRows(sd, embeddings);
        SDVariable unitCentres = normaliseRows(sd, classCentres);
        SDVariable cosines = sd.mmul(unitEmbeddings, unitCentres, false, true, false);
        return sd.math().clipByValue(cosines, -1 + COSINE_EPSILON, 1 - COSINE_EPSILON);
    }

    /**
     * Mean softmax cross-entropy of the margin logits.
     *
     * @param cosines [batch, classes] from {@link #cosines}
     * @param oneHot  [batch, classes], 1 at each image's class, 0 elsewhere
     * @return the scalar loss
     */
    public SDVariable loss(SameDiff sd, SDVariable cosines, SDVariable oneHot) {
        SDVariable target = cosines.mul(oneHot).sum(true, 1);
        SDVariable margined = marginTarget(sd, target);
        SDVariable logits = cosines.add(oneHot.mul(margined.sub(target))).mul(scale);
        SDVariable logProbabilities = sd.nn().logSoftmax(logits);
        return logProbabilities.mul(oneHot).sum(1).mean().neg();
    }

    /** {@link #loss} of {@link #cosines}. */
    public SDVariable build(SameDiff sd, SDVariable embeddings, SDVariable classCentres, SDVariable oneHot) {
        return loss(sd, cosines(sd, embeddings, classCentres), oneHot);
    }

    private SDVariable marginTarget(SameDiff sd, SDVariable target) {
        SDVariable margined;
        if (m1 == 1 && m2 > 0) {
            SDVariable sine = sd.math().sqrt(target.mul(target).rsub(1));
            SDVariable arc = target.mul(Math.cos(m2)).sub(sine.mul(Math.sin(m2)));
            SDVariable condition = easyMargin ? target.gt(0) : target.gt(Math.cos(Math.PI - m2));
            SDVariable useArc = condition.castTo(target.dataType());
            SDVariable fallback = easyMargin ? target : target.sub(Math.sin(Math.PI - m2) * m2);
            margined = useArc.mul(arc).add(useArc.rsub(1).mul(fallback));
        } else if (m1 != 1) {
            margined = sd.math().cos(sd.math().acos(target).mul(m1).add(m2));
        } else {
            margined = target;
        }
        return m3 == 0 ? margined : margined.sub(m3);
    }

    private static SDVariable normaliseRows(SameDiff sd, SDVariable rows) {
        SDVariable squaredNorm = rows.mul(rows).sum(true, 1);
        return rows.mul(sd.math().rsqrt(squaredNorm.add(1e-24)));
    }

    @Override
    public String toString() {
        return "CombinedMarginLoss(s=" + scale + ", m1=" + m1 + ", m2=" + m2 + ", m3=" + m3
                + (easyMargin ? ", easy margin" : "") + ")";
    }
}
