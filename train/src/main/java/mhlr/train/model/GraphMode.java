package mhlr.train.model;

/** Whether a graph normalises with the statistics of the batch (and reports them) or with the running statistics. */
public enum GraphMode {
    /** Batch statistics in batch norm, dropout active: the graph a training step differentiates. */
    TRAINING,
    /** Running statistics in batch norm, no dropout: the graph that embeds images. */
    INFERENCE
}
