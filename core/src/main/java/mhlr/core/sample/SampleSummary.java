package mhlr.core.sample;

import java.util.Map;

/**
 * What {@link SampleDataWriter} wrote.
 *
 * @param trainingIdentities people in the training formats (person numbers {@code 0 .. trainingIdentities-1})
 * @param evaluationIdentities people in the evaluation formats (the following person numbers)
 * @param images image files (or records) written per format
 * @param pairs verification pairs per evaluation format (template pairs for IJB)
 */
public record SampleSummary(int trainingIdentities, int evaluationIdentities, Map<SampleFormat, Integer> images,
                            Map<SampleFormat, Integer> pairs) {
}
