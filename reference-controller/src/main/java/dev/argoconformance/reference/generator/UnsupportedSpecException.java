package dev.argoconformance.reference.generator;

/**
 * An ApplicationSet the reference controller cannot evaluate the way Argo CD would: a generator kind or a field it
 * does not implement, template syntax outside its goTemplate subset, or a spec the Argo CD API server would reject
 * before the controller ever saw it. It is the harness's limit or the test author's mistake, never a plugin's fault.
 */
public final class UnsupportedSpecException extends RuntimeException {

    UnsupportedSpecException(String message) {
        super(message);
    }

    UnsupportedSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
