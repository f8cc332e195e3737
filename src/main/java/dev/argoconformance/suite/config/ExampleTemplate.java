package dev.argoconformance.suite.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.Parameter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A template the plugin under test accepts, with what Argo should make of it. Plugin authors point
 * the suite at their own ({@code -Dplugin.examples=DIR}). Without any, the run uses one
 * {@linkplain #contractOnly contract-only} template: the exact-answer clauses are then not checked,
 * because no plugin's answers can stand in for another's.
 *
 * <pre>
 * name: hello
 * template:            # a plugin template, as in a Workflow's spec.templates
 *   name: main
 *   plugin:
 *     hello: {}
 * expect:
 *   phase: Succeeded   # the phase the node ends in (after any requeues)
 *   message: Hello template!
 *   outputs:
 *     parameters:
 *       - name: foo
 *         value: bar
 *   within: 2m         # optional bound for asynchronous plugins (Go duration)
 * concurrency:         # optional: see {@link Concurrency}
 *   vary: plugin.hello.name
 *   output: greeting
 * </pre>
 */
public record ExampleTemplate(
        String name,
        ObjectNode template,
        String phase,
        Optional<String> message,
        Optional<List<Parameter>> outputs,
        Duration within,
        Optional<Concurrency> concurrency,
        String source) {

    /** The source of a {@link #contractOnly} example; its phase is empty: any phase Argo knows will do. */
    public static final String CONTRACT_ONLY = "no examples given";

    /**
     * How to tell parallel calls apart: the template field to give each call its own value, and the
     * output parameter that must bring that value back.
     *
     * <pre>
     * concurrency:
     *   vary: plugin.countdown.echo   # a dotted path in the template, ending in a string field
     *   output: echo
     * </pre>
     */
    public record Concurrency(String vary, String output) {

        /** A copy of the template with the varied field set to {@code value}. */
        public ObjectNode templateWith(ObjectNode template, String value) {
            ObjectNode copy = template.deepCopy();
            String[] path = vary.split("\\.");
            ObjectNode at = copy;
            for (int i = 0; i < path.length - 1; i++) {
                at = at.has(path[i]) && at.get(path[i]).isObject()
                        ? (ObjectNode) at.get(path[i])
                        : at.putObject(path[i]);
            }
            at.put(path[path.length - 1], value);
            return copy;
        }
    }

    static final Duration DEFAULT_WITHIN = Duration.ofMinutes(2);

    /** Reads every example in a directory (*.yaml, *.yml; several documents per file allowed). */
    public static List<ExampleTemplate> load(Path dir) {
        return YamlDocuments.inFolder(dir).stream()
                .map(d -> of(d.node(), d.source()))
                .toList();
    }

    /**
     * The one template a run without examples can send: {@code plugin: {<key>: {}}}, keyed by the
     * manifest's {@code metadata.name} as Argo keys a plugin template. What the plugin should answer
     * is unknown, so only what the contract guarantees for any plugin (shape, phases, types) is checked.
     */
    public static ExampleTemplate contractOnly(String pluginKey) {
        ObjectNode template = Json.object();
        template.put("name", "main");
        template.putObject("plugin").putObject(pluginKey);
        return new ExampleTemplate(
                pluginKey,
                template,
                "",
                Optional.empty(),
                Optional.empty(),
                DEFAULT_WITHIN,
                Optional.empty(),
                CONTRACT_ONLY);
    }

    /** Whether the plugin's author said what this template should end as (false for {@link #contractOnly}). */
    public boolean hasExpectations() {
        return !source.equals(CONTRACT_ONLY);
    }

    private static ExampleTemplate of(JsonNode doc, String source) {
        String name = doc.path("name").asText("");
        JsonNode template = doc.get("template");
        if (template == null || !template.isObject()) {
            throw invalid(source, name, "needs a 'template' object (a plugin template as in a Workflow)");
        }
        JsonNode plugin = template.get("plugin");
        if (plugin == null || !plugin.isObject() || plugin.size() != 1) {
            // Argo's own rule (pkg/apis/workflow/v1alpha1/plugin_types.go): "expected exactly one key, got N".
            throw invalid(
                    source,
                    name,
                    "template.plugin must have exactly one key, got "
                            + (plugin == null || !plugin.isObject() ? 0 : plugin.size()));
        }
        ObjectNode copy = ((ObjectNode) template).deepCopy();
        if (!copy.has("name")) {
            copy.put("name", name.isEmpty() ? "main" : name);
        }
        JsonNode expect = doc.path("expect");
        String phase = expect.path("phase").asText("");
        if (phase.isEmpty()) {
            throw invalid(source, name, "needs expect.phase (Succeeded, Failed, …)");
        }
        Optional<String> message =
                expect.hasNonNull("message") ? Optional.of(expect.get("message").asText()) : Optional.empty();
        Optional<List<Parameter>> outputs = Optional.empty();
        if (expect.path("outputs").has("parameters")) {
            List<Parameter> params = new ArrayList<>();
            expect.path("outputs")
                    .path("parameters")
                    .forEach(p -> params.add(new Parameter(
                            p.path("name").asText(), p.path("value").asText())));
            outputs = Optional.of(params);
        }
        Duration within = DEFAULT_WITHIN;
        if (expect.hasNonNull("within")) {
            try {
                within = dev.argoconformance.reference.protocol.GoDuration.parse(
                        expect.get("within").asText());
            } catch (IllegalArgumentException e) {
                throw invalid(source, name, "expect.within is not a Go duration (" + e.getMessage() + ")");
            }
        }
        Optional<Concurrency> concurrency = Optional.empty();
        if (doc.has("concurrency")) {
            String vary = doc.path("concurrency").path("vary").asText("");
            String output = doc.path("concurrency").path("output").asText("");
            if (vary.isEmpty() || output.isEmpty()) {
                throw invalid(
                        source,
                        name,
                        "concurrency needs both 'vary' (a dotted path in the template) and 'output' (an output parameter)");
            }
            concurrency = Optional.of(new Concurrency(vary, output));
        }
        return new ExampleTemplate(
                name.isEmpty() ? copy.path("name").asText() : name,
                copy,
                phase,
                message,
                outputs,
                within,
                concurrency,
                source);
    }

    private static HarnessException invalid(String source, String name, String what) {
        return new HarnessException(
                "Example " + (name.isEmpty() ? "" : "'" + name + "' ") + "in " + source + " " + what + ".");
    }
}
