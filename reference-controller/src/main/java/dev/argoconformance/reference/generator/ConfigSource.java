package dev.argoconformance.reference.generator;

import java.util.Map;
import java.util.Optional;

/**
 * Where the ApplicationSet controller reads a plugin's ConfigMap and the Secret holding its token. Argo CD reads both
 * from its own namespace through the controller-runtime cache; {@link InMemoryConfigSource} holds them in memory or
 * reads them from YAML files, {@link KubernetesConfigSource} reads them from an API server.
 */
public interface ConfigSource {

    /** The ConfigMap's {@code data}, empty when there is no such ConfigMap (Go: {@code configmaps "x" not found}). */
    Optional<Map<String, String>> configMapData(String namespace, String name) throws LookupException;

    /** The Secret's {@code data}, decoded from base64; empty when there is no such Secret. */
    Optional<Map<String, byte[]>> secretData(String namespace, String name) throws LookupException;

    /** A read that failed for another reason than absence; the message is the API server's, as Go would print it. */
    final class LookupException extends Exception {
        public LookupException(String message) {
            super(message);
        }

        public LookupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
