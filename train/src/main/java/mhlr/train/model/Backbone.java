package mhlr.train.model;

import org.nd4j.autodiff.samediff.SDVariable;

/** A network from aligned face images to an embedding, added to a graph by a {@link NetworkBuilder}. */
public interface Backbone {

    /**
     * Adds the network to the builder's graph.
     *
     * @param net    the builder (graph, mode, parameters)
     * @param images the images in the graph's layout, 3 channels, {@link BackboneSpec#inputSize()} square
     * @return the embedding, [batch, {@link BackboneSpec#embeddingSize()}], not normalised
     */
    SDVariable build(NetworkBuilder net, FeatureMap images);
}
