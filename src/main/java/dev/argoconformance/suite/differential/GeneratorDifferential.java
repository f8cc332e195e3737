package dev.argoconformance.suite.differential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.generator.ApplicationSet;
import dev.argoconformance.reference.generator.ApplicationSetController;
import dev.argoconformance.reference.generator.InMemoryConfigSource;
import dev.argoconformance.reference.generator.Reconciliation;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.GeneratorExample;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The differential tier for ApplicationSet generator plugins: each example's input goes through Argo
 * CD's own plugin generator ({@link ArgoCdGeneratorHarness}) and through the reference controller's
 * ApplicationSet controller, configured alike (one ConfigMap, its token in Secret argocd-secret, an
 * ApplicationSet with {@code goTemplate: true} and the one plugin generator), and the two are compared:
 * the parameter sets returned, the error, the requeue and the number of calls. Argo CD never retries a
 * getparams call, so there is no retry rule to compare, but a reference that called twice would be caught.
 */
public final class GeneratorDifferential {

    public static final String CONFIG_MAP = "plugin-generator";
    public static final String NAMESPACE = "argocd";
    /** The ApplicationSet's name on both sides: a plugin may echo applicationSetName into its parameters. */
    public static final String APPLICATION_SET = "differential";

    private static final ObjectMapper SORTED =
            Json.MAPPER.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final ArgoCdGeneratorHarness harness;
    private final UnaryOperator<ObjectNode> referenceAppSet;

    public GeneratorDifferential(ArgoCdGeneratorHarness harness) {
        this(harness, UnaryOperator.identity());
    }

    /** @param referenceAppSet changes the reference side's ApplicationSet: a test's deliberate regression */
    GeneratorDifferential(ArgoCdGeneratorHarness harness, UnaryOperator<ObjectNode> referenceAppSet) {
        this.harness = Objects.requireNonNull(harness);
        this.referenceAppSet = referenceAppSet;
    }

    /** Runs every example through Argo CD's code (one harness run), then through the reference, and compares each. */
    public List<GeneratorComparison> compare(URI baseUrl, String token, List<GeneratorExample> examples) {
        List<ArgoCdGeneratorHarness.Generator> generators = examples.stream()
                .map(e -> new ArgoCdGeneratorHarness.Generator(e.name(), APPLICATION_SET, e.parameters()))
                .toList();
        ArgoCdGeneratorHarness.Run argo = harness.run(baseUrl, token, CONFIG_MAP, NAMESPACE, generators);
        List<GeneratorComparison> out = new ArrayList<>();
        for (GeneratorExample example : examples) {
            GeneratorComparison.Side argoSide = argoSide(argo.result(example.name()));
            GeneratorComparison.Side referenceSide = referenceSide(baseUrl, token, example.parameters());
            out.add(GeneratorComparison.of(example.name(), "Argo CD " + argo.argoCdVersion(), argoSide, referenceSide));
        }
        return out;
    }

    private static GeneratorComparison.Side argoSide(ArgoCdGeneratorHarness.Result r) {
        return new GeneratorComparison.Side(
                canonical(Json.write(Json.MAPPER.valueToTree(r.params()))),
                r.error(),
                Duration.ofMillis(Math.round(r.requeueAfterSeconds() * 1000)),
                r.attempts().size(),
                r.attempts());
    }

    private GeneratorComparison.Side referenceSide(URI baseUrl, String token, ObjectNode parameters) {
        InMemoryConfigSource config = new InMemoryConfigSource()
                .withConfigMap(NAMESPACE, CONFIG_MAP, Map.of("baseUrl", baseUrl.toString(), "token", "$plugin.token"))
                .withSecret(NAMESPACE, "argocd-secret", Map.of("plugin.token", token == null ? "" : token));
        ApplicationSet appSet = ApplicationSet.from(referenceAppSet.apply(applicationSet(parameters)));
        Reconciliation r = ApplicationSetController.builder(config)
                .namespace(NAMESPACE)
                .build()
                .reconcile(appSet);
        List<String> trace = new ArrayList<>();
        int n = 0;
        for (RecordedCall c : r.calls()) {
            n++;
            trace.add(
                    n + ": " + (c.hasResponse() ? c.statusLine().replaceFirst("^HTTP/1\\.[01] ", "") : "no response"));
        }
        return new GeneratorComparison.Side(
                canonical(GoValues.marshal(r.parameterSets(), false)),
                r.error().orElse(""),
                ApplicationSetController.requeueAfter(appSet),
                r.calls().size(),
                trace);
    }

    /** The ApplicationSet both sides reconcile: goTemplate, one plugin generator, a template that renders for any parameters. */
    static ObjectNode applicationSet(ObjectNode parameters) {
        ObjectNode appSet = Json.object();
        appSet.put("apiVersion", "argoproj.io/v1alpha1");
        appSet.put("kind", "ApplicationSet");
        appSet.putObject("metadata").put("name", APPLICATION_SET).put("namespace", NAMESPACE);
        ObjectNode spec = appSet.putObject("spec");
        spec.put("goTemplate", true);
        ObjectNode plugin = spec.putArray("generators").addObject().putObject("plugin");
        plugin.putObject("configMapRef").put("name", CONFIG_MAP);
        ObjectNode input = plugin.putObject("input");
        if (!parameters.isEmpty()) {
            input.set("parameters", parameters.deepCopy());
        }
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").put("name", "differential");
        ObjectNode appSpec = template.putObject("spec");
        appSpec.put("project", "default");
        appSpec.putObject("source")
                .put("repoURL", "https://example.invalid/repo.git")
                .put("path", ".");
        appSpec.putObject("destination")
                .put("server", "https://kubernetes.default.svc")
                .put("namespace", "default");
        return appSet;
    }

    /**
     * Parameter sets as JSON both sides print alike, map keys sorted: Argo CD's as Go's json.Marshal
     * printed them, the reference's as its Go-valued maps marshal ({@code GoValues.marshal}).
     */
    static String canonical(String json) {
        try {
            return SORTED.writeValueAsString(SORTED.readValue(json, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("parameter sets that are not JSON: " + json, e);
        }
    }
}
