package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One Application as the ApplicationSet controller would create it from one parameter set.
 *
 * @param name the rendered {@code metadata.name}
 * @param namespace the ApplicationSet's namespace (Argo overrides whatever the template says)
 * @param manifest the Application: {@code apiVersion}, {@code kind}, {@code metadata} (name, namespace, labels,
 *     annotations, finalizers) and the rendered {@code spec}
 * @param parameters the parameter set it was rendered from
 */
public record RenderedApplication(String name, String namespace, JsonNode manifest, Map<String, Object> parameters) {

    /** A rendered annotation, or null. */
    public String annotation(String key) {
        JsonNode value = manifest.path("metadata").path("annotations").get(key);
        return value == null ? null : value.asText();
    }

    /** A rendered label, or null. */
    public String label(String key) {
        JsonNode value = manifest.path("metadata").path("labels").get(key);
        return value == null ? null : value.asText();
    }
}
