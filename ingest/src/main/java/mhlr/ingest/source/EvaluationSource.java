package mhlr.ingest.source;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.dataset.DatasetKind;
import mhlr.ingest.shards.PairRow;

/**
 * A source of evaluation shards: besides the images it has a verification protocol whose pairs travel with them.
 * Pairs of ten-fold protocols name image keys, IJB pairs name template ids; the pipeline keeps a pair only when
 * both of its sides were written.
 */
public interface EvaluationSource extends Source {

    @Override
    default DatasetKind kind() {
        return DatasetKind.EVAL;
    }

    /** The protocols of the input, in the order their pairs come. Called after {@link #read}. */
    List<Protocol> protocols(SourceContext context);

    /** Hands every pair of every protocol to {@code sink}, protocol by protocol, in the protocol's own order. */
    void pairs(SourceContext context, PairSink sink) throws IOException;

    /**
     * The 1:N identification lists of the protocol named {@code protocol()}, when the input has them (IJB);
     * called after {@link #read}.
     */
    default Optional<Identification> identification() {
        return Optional.empty();
    }

    /**
     * 1:N lists and the protocol they belong to.
     *
     * @param protocol the protocol's name
     * @param lists the gallery and probe lines
     */
    record Identification(String protocol, IjbIdentificationMeta lists) {
    }

    /** Receives pairs one at a time (IJB-C has 15 million). */
    @FunctionalInterface
    interface PairSink {
        void accept(PairRow pair) throws IOException;
    }
}
