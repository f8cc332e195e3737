package dev.argoconformance.reference.generator;

/**
 * A failure Argo CD itself reports: the message is the text Argo writes into the ApplicationSet's
 * {@code ErrorOccurred} condition, built up the way Argo wraps it ({@link #wrap}).
 */
final class GeneratorError extends Exception {

    GeneratorError(String argoMessage) {
        super(argoMessage);
    }

    /** Go's {@code fmt.Errorf("<prefix>: %w", err)}. */
    GeneratorError wrap(String prefix) {
        return new GeneratorError(prefix + ": " + getMessage());
    }
}
