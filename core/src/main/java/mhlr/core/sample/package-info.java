/**
 * Synthetic face data for the demo, the tests and the benchmarks: {@link mhlr.core.sample.SampleFaces} draws
 * made-up people a small network can tell apart, each image with its five landmarks known exactly, and
 * {@link mhlr.core.sample.SampleDataWriter} ({@code bin/make-sample-data}) writes them in every format users bring
 * (WebFace folders, insightface RecordIO, photos with landmarks, LFW, a verification {@code .bin}, CFP, IJB-C).
 *
 * <p>Everything is a pure function of the seed: the same seed gives the same bytes.
 */
package mhlr.core.sample;
