package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an {@code argoproj.io/v1alpha1} ApplicationSet the generator side reads.
 *
 * @param name {@code metadata.name}: the only identity a plugin is sent ({@code applicationSetName})
 * @param namespace {@code metadata.namespace} ({@value #DEFAULT_NAMESPACE} when absent); generated Applications get it
 * @param goTemplate {@code spec.goTemplate}
 * @param goTemplateOptions {@code spec.goTemplateOptions}, such as {@code missingkey=error}
 * @param generators {@code spec.generators}, as written
 * @param template {@code spec.template}, as written (an empty object when absent)
 * @param applicationsSync {@code spec.syncPolicy.applicationsSync}, null when unset (Argo then uses {@code sync})
 * @param preserveResourcesOnDeletion {@code spec.syncPolicy.preserveResourcesOnDeletion}
 */
public record ApplicationSet(
        String name,
        String namespace,
        boolean goTemplate,
        List<String> goTemplateOptions,
        List<JsonNode> generators,
        JsonNode template,
        String applicationsSync,
        boolean preserveResourcesOnDeletion) {

    public static final String DEFAULT_NAMESPACE = "argocd";

    public ApplicationSet {
        goTemplateOptions = List.copyOf(goTemplateOptions);
        generators = List.copyOf(generators);
        template = template == null || template.isNull() ? Json.object() : template;
    }

    /**
     * Reads an ApplicationSet from YAML (or JSON): the first document whose {@code kind} is {@code ApplicationSet}.
     *
     * @throws UnsupportedSpecException when the text is not YAML or holds no ApplicationSet with a name
     */
    public static ApplicationSet parse(String yaml) {
        try {
            for (JsonNode document : Json.YAML
                    .readerFor(JsonNode.class)
                    .<JsonNode>readValues(yaml)
                    .readAll()) {
                if (document != null
                        && "ApplicationSet".equals(document.path("kind").asText())) {
                    return from(document);
                }
            }
        } catch (JsonProcessingException e) {
            throw new UnsupportedSpecException("not a valid ApplicationSet YAML: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new UnsupportedSpecException("cannot read the ApplicationSet YAML: " + e.getMessage(), e);
        }
        throw new UnsupportedSpecException("no document with kind: ApplicationSet");
    }

    /** An ApplicationSet from its parsed object. */
    public static ApplicationSet from(JsonNode object) {
        String name = object.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new UnsupportedSpecException("the ApplicationSet has no metadata.name");
        }
        String namespace = object.path("metadata").path("namespace").asText("");
        JsonNode spec = object.path("spec");
        if (spec.has("templatePatch") && !spec.get("templatePatch").isNull()) {
            throw new UnsupportedSpecException("spec.templatePatch is not implemented by the reference controller");
        }
        List<String> options = new ArrayList<>();
        spec.path("goTemplateOptions").forEach(option -> options.add(option.asText()));
        List<JsonNode> generators = new ArrayList<>();
        spec.path("generators").forEach(generators::add);
        JsonNode syncPolicy = spec.path("syncPolicy");
        JsonNode applicationsSync = syncPolicy.path("applicationsSync");
        return new ApplicationSet(
                name,
                namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace,
                spec.path("goTemplate").asBoolean(false),
                options,
                generators,
                spec.get("template"),
                applicationsSync.isTextual() ? applicationsSync.textValue() : null,
                syncPolicy.path("preserveResourcesOnDeletion").asBoolean(false));
    }
}
