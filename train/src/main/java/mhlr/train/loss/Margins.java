package mhlr.train.loss;

/**
 * The three margins of insightface's combined margin softmax {@code cos(m1 * theta + m2) - m3}: ArcFace is
 * (1, 0.5, 0), CosFace (1, 0, 0.4).
 *
 * @param m1 multiplicative angular margin (SphereFace), 1 for none
 * @param m2 additive angular margin (ArcFace), 0 for none
 * @param m3 additive cosine margin (CosFace), 0 for none
 */
public record Margins(double m1, double m2, double m3) {
}
