package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The calling side of Argo CD's ApplicationSet controller for generator plugins: one {@link #reconcile} runs an
 * ApplicationSet's generators (plugin, list, matrix, merge), calls each plugin with
 * {@code POST <baseUrl>/api/v1/getparams.execute} the way Argo CD does, renders the Applications, and reports what
 * Argo would do next (docs/argo-behaviour.md §CD, Argo CD {@code applicationset/}).
 *
 * <pre>{@code
 * ApplicationSetController controller = ApplicationSetController.builder(new InMemoryConfigSource()
 *                 .withConfigMap("argocd", "my-plugin", Map.of("baseUrl", url, "token", "$plugin.token"))
 *                 .withSecret("argocd", "argocd-secret", Map.of("plugin.token", token)))
 *         .build();
 * Reconciliation result = controller.reconcile(ApplicationSet.parse(yaml));
 * }</pre>
 *
 * Thread-safe; every reconcile is independent (Argo keeps no state between plugin calls either).
 */
public final class ApplicationSetController {

    private final PluginGenerator plugins;
    private final CallListener listener;

    private ApplicationSetController(Builder b) {
        this.plugins = new PluginGenerator(b.config, b.namespace);
        this.listener = b.listener;
    }

    /** @param config where plugin ConfigMaps and token Secrets are read */
    public static Builder builder(ConfigSource config) {
        return new Builder(config);
    }

    /** Reconciles the ApplicationSet in the YAML text. */
    public Reconciliation reconcile(String applicationSetYaml) {
        return reconcile(ApplicationSet.parse(applicationSetYaml));
    }

    /**
     * One reconcile, as {@code ApplicationSetReconciler.Reconcile} runs it up to the point of writing Applications.
     *
     * @throws UnsupportedSpecException when the ApplicationSet needs something this reference does not implement, or
     *     that the API server would have rejected
     */
    public Reconciliation reconcile(ApplicationSet appSet) {
        List<GeneratorSpec> specs = GeneratorSpec.parseAll(appSet.generators(), "spec.generators", 0);
        Observations seen = new Observations(listener);
        Generation generation = new Generation(appSet, plugins, seen);
        List<Map<String, Object>> parameterSets = new ArrayList<>();
        List<RenderedApplication> applications = new ArrayList<>();
        GeneratorError first = null;
        String reason = null;
        for (GeneratorSpec spec : specs) { // GenerateApplications: every generator runs; the first error wins
            List<Generation.Result> results;
            try {
                results = generation.transform(spec, appSet.template(), Map.of());
            } catch (GeneratorError e) {
                if (first == null) {
                    first = e;
                    reason = Reconciliation.REASON_GENERATION;
                }
                continue;
            }
            for (Generation.Result result : results) {
                for (Map<String, Object> params : result.params()) {
                    parameterSets.add(params);
                    try {
                        applications.add(ApplicationRenderer.render(result.template(), params, appSet, seen.render));
                    } catch (GeneratorError e) {
                        if (first == null) {
                            first = e;
                            reason = Reconciliation.REASON_RENDER;
                        }
                    }
                }
            }
        }
        if (first != null) {
            return new Reconciliation(
                    first.getMessage(),
                    reason,
                    parameterSets,
                    List.of(),
                    List.of(),
                    null,
                    Requeue.ON_ERROR,
                    false,
                    seen);
        }
        TreeMap<String, String> invalid = validate(applications, appSet);
        List<RenderedApplication> valid = applications.stream()
                .filter(app -> !invalid.containsKey(qualifiedName(app)))
                .sorted(Comparator.comparing(RenderedApplication::name))
                .toList();
        String validationError = null;
        if (!invalid.isEmpty()) {
            String last = invalid.lastEntry().getValue();
            validationError = invalid.size() > 1 ? last + " (and " + (invalid.size() - 1) + " more)" : last;
        }
        Duration requeue = Requeue.of(specs);
        if (!invalid.isEmpty() && requeue.isZero()) {
            requeue = Requeue.ON_ERROR;
        }
        return new Reconciliation(
                null,
                null,
                parameterSets,
                applications,
                valid,
                validationError,
                requeue,
                deletionAllowed(appSet),
                seen);
    }

    /**
     * The requeue Argo computes from the spec alone, without generating: the minimum of the non-zero values over the
     * top-level generators (plugin: {@code requeueAfterSeconds} or 30 minutes; git and clusterDecisionResource: 3
     * minutes; scmProvider and pullRequest: 30 minutes; list and clusters: none; matrix and merge: their children's
     * minimum). Zero means no periodic requeue.
     */
    public static Duration requeueAfter(ApplicationSet appSet) {
        return Requeue.of(GeneratorSpec.parseAll(appSet.generators(), "spec.generators", 0));
    }

    /** Where this reference knowingly approximates Argo CD, whatever the ApplicationSet. */
    public static List<CompatibilityNote> approximations() {
        return Notes.APPROXIMATIONS;
    }

    /** {@code validateGeneratedApplications}, without the AppProject and destination checks (they need a cluster). */
    private static TreeMap<String, String> validate(List<RenderedApplication> applications, ApplicationSet appSet) {
        TreeMap<String, String> errors = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (RenderedApplication app : applications) {
            if (app.name().isEmpty()) {
                errors.put(
                        qualifiedName(app),
                        "ApplicationSet " + appSet.name() + " contains an application with no name; a name"
                                + " must be set in the template's metadata.name or via a templatePatch (generateName is not supported)");
            } else if (!names.add(app.name())) {
                errors.put(
                        qualifiedName(app),
                        "ApplicationSet " + appSet.name() + " contains applications with duplicate name: "
                                + app.name());
            }
        }
        return errors;
    }

    private static String qualifiedName(RenderedApplication app) {
        return app.namespace().isEmpty() ? app.name() : app.namespace() + "/" + app.name();
    }

    /** {@code DefaultPolicy(...).AllowDelete()} with the controller's defaults (no --policy, override allowed). */
    private static boolean deletionAllowed(ApplicationSet appSet) {
        String policy = appSet.applicationsSync() == null ? "sync" : appSet.applicationsSync();
        return policy.equals("sync") || policy.equals("create-delete");
    }

    public static final class Builder {
        private final ConfigSource config;
        private String namespace = ApplicationSet.DEFAULT_NAMESPACE;
        private CallListener listener = CallListener.NONE;

        private Builder(ConfigSource config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
        }

        /** The controller's own namespace, where the plugin ConfigMap and Secret are read (default {@code argocd}). */
        public Builder namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace must not be null");
            return this;
        }

        /** Also hands every exchange to {@code listener} as it happens (the reconciliation keeps them too). */
        public Builder listener(CallListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        public ApplicationSetController build() {
            return new ApplicationSetController(this);
        }
    }
}
