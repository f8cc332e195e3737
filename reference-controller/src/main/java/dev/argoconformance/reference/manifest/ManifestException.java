package dev.argoconformance.reference.manifest;

/**
 * A plugin manifest Argo would refuse. The message is one sentence: Argo's own text where Argo has one
 * ({@code sidecar is invalid: at least one port is mandatory}), otherwise where the problem is and what Argo says
 * about it.
 */
public final class ManifestException extends Exception {

    ManifestException(String message) {
        super(message);
    }

    ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
