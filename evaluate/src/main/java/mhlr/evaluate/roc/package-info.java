/**
 * ROC curves as scikit-learn's {@code roc_curve} builds them (default {@code drop_intermediate=True}) and the
 * TPR read off them at target FARs as insightface's IJB script does, once directly on one machine
 * ({@link mhlr.evaluate.roc.Roc}) and once distributed over Spark without collecting the scores
 * ({@link mhlr.evaluate.roc.DistributedRoc}); both share the selection rule ({@link mhlr.evaluate.roc.TarAtFar}).
 */
package mhlr.evaluate.roc;
