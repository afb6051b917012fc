package mhlr.train.loop;

/** The loss or the gradient stopped being a finite number; training stops and the last good checkpoint stays. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TrainingDivergedException(String message) {
        super(message, null, false, false);
    }
}
