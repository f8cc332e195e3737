package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.generator.gotext.Render;
import dev.argoconformance.reference.protocol.Json;
import java.util.List;
import java.util.Map;

/**
 * {@code GetTempApplication} and {@code RenderTemplateParams} ({@code applicationset/controllers/template/template.go},
 * {@code applicationset/utils/utils.go}): the template's metadata and spec rendered with one parameter set, string
 * leaves and map keys alike, in Go's field order (name, namespace, labels, annotations, finalizers, spec).
 */
final class ApplicationRenderer {

    /** {@code ResourcesFinalizerName}, added when the template has no finalizers and resources are not preserved. */
    static final String RESOURCES_FINALIZER = "resources-finalizer.argocd.argoproj.io";

    private ApplicationRenderer() {}

    static RenderedApplication render(
            JsonNode template, Map<String, Object> params, ApplicationSet appSet, Render render) throws GeneratorError {
        JsonNode metadata = template.path("metadata");
        ObjectNode meta = Json.object();
        for (String field : List.of("name", "namespace", "labels", "annotations", "finalizers")) {
            if (metadata.hasNonNull(field)) {
                meta.set(field, metadata.get(field).deepCopy());
            }
        }
        JsonNode spec = template.hasNonNull("spec") ? template.get("spec").deepCopy() : Json.object();
        if (!params.isEmpty()) { // Argo returns the template untouched for an empty parameter set
            Templating.Replace replace =
                    s -> render.replace(s, params, appSet.goTemplate(), appSet.goTemplateOptions());
            meta = (ObjectNode) Templating.deepReplace(meta, replace, "spec.template.metadata");
            spec = Templating.deepReplace(spec, replace, "spec.template.spec");
            if (!appSet.preserveResourcesOnDeletion()
                    && (!meta.has("finalizers") || meta.get("finalizers").isEmpty())) {
                ArrayNode finalizers = meta.putArray("finalizers");
                finalizers.add(RESOURCES_FINALIZER);
            }
        }
        meta.put("namespace", appSet.namespace()); // the AppSet's namespace, always (appsets-in-any-namespace boundary)
        ObjectNode application = Json.object();
        application.put("apiVersion", "argoproj.io/v1alpha1");
        application.put("kind", "Application");
        application.set("metadata", meta);
        application.set("spec", spec);
        return new RenderedApplication(meta.path("name").asText(""), appSet.namespace(), application, params);
    }
}
