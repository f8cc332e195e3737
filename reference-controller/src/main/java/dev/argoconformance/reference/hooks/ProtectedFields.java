package dev.argoconformance.reference.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code workflow.preOperate} patch must leave as it is (CTRL-PRE-02). Argo merges the reply into the
 * Workflow and updates it, so a plugin could change anything in its metadata; these belong to Kubernetes or to the
 * controller:
 *
 * <ul>
 *   <li>the object's identity and bookkeeping ({@code name}, {@code namespace}, {@code uid},
 *       {@code resourceVersion}, …): the API server refuses an update that changes them, and the controller then
 *       fails to persist the workflow on every reconcile;
 *   <li>labels and annotations under {@code workflows.argoproj.io/}: the controller's own
 *       ({@code workflows.argoproj.io/completed: "true"} makes its informer drop the workflow for good,
 *       {@code …/phase} is what {@code argo list} filters on).
 * </ul>
 *
 * The list is the reference controller's, recorded in {@code docs/decisions/0005-controller-plugins.md}.
 */
public final class ProtectedFields {

    /** ObjectMeta fields owned by Kubernetes or the controller. */
    public static final List<String> FIELDS = List.of(
            "name",
            "generateName",
            "namespace",
            "uid",
            "resourceVersion",
            "generation",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "selfLink",
            "managedFields");

    /** The prefix of the controller's labels and annotations. */
    public static final String ARGO_PREFIX = "workflows.argoproj.io/";

    private ProtectedFields() {}

    /**
     * What {@code patch} (a metadata merge patch) would change among the protected fields of {@code metadata}, one
     * line each ({@code metadata.uid: "4f…" → "other"}); empty when it leaves them alone.
     */
    public static List<String> violations(ObjectNode metadata, ObjectNode patch) {
        List<String> out = new ArrayList<>();
        for (String field : FIELDS) {
            if (patch.has(field) && changes(metadata.get(field), patch.get(field))) {
                out.add("metadata." + field + ": " + show(metadata.get(field)) + " → " + show(patch.get(field)));
            }
        }
        for (String map : List.of("labels", "annotations")) {
            JsonNode given = patch.get(map);
            JsonNode current = metadata.path(map);
            if (given == null) {
                continue;
            }
            if (given.isNull()) {
                current.fieldNames().forEachRemaining(key -> {
                    if (key.startsWith(ARGO_PREFIX)) {
                        out.add("metadata." + map + "." + key + ": " + show(current.get(key)) + " → (removed)");
                    }
                });
                continue;
            }
            for (Map.Entry<String, JsonNode> e : given.properties()) {
                if (e.getKey().startsWith(ARGO_PREFIX) && changes(current.get(e.getKey()), e.getValue())) {
                    out.add("metadata." + map + "." + e.getKey() + ": " + show(current.get(e.getKey())) + " → "
                            + (e.getValue().isNull() ? "(removed)" : show(e.getValue())));
                }
            }
        }
        return out;
    }

    private static boolean changes(JsonNode current, JsonNode patched) {
        if (patched.isNull()) {
            return current != null && !current.isNull();
        }
        return !Objects.equals(current, patched);
    }

    private static String show(JsonNode value) {
        return value == null || value.isMissingNode() ? "(unset)" : value.toString();
    }
}
