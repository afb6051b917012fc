package mhlr.core.format;

/**
 * Five facial landmarks of one image and, when the file gives one, the detector's score.
 *
 * @param points {@code x1 y1 ... x5 y5} in pixels: left eye, right eye, nose tip, left and right mouth corner
 * @param score the detector score, or {@code NaN} when the file has none
 */
public record FaceLandmarks(float[] points, float score) {
    public FaceLandmarks {
        if (points.length != 10) {
            throw new IllegalArgumentException("five landmarks are 10 values, got " + points.length);
        }
    }

    public boolean hasScore() {
        return !Float.isNaN(score);
    }
}
