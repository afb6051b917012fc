/**
 * The evaluation job: verification protocols scored exactly as insightface scores them (10-fold accuracy for
 * pair lists, IJB-B/C 1:1 template verification), on features embedded by a trained model or read from a
 * {@code .npy}, with IJB-scale scoring and ROC distributed over Spark.
 */
package mhlr.evaluate;
