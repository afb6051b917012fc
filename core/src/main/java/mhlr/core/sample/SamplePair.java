package mhlr.core.sample;

/**
 * A verification pair of (person, image) references, global person numbers.
 *
 * @param fold the ten-fold protocol's fold, 0 to 9
 */
record SamplePair(int leftPerson, int leftImage, int rightPerson, int rightImage, boolean same, int fold) {
}
