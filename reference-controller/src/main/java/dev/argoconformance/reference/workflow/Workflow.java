package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.WorkflowMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Workflow manifest ({@code apiVersion: argoproj.io/v1alpha1}, {@code kind: Workflow}) checked and ready to run,
 * with the identity Argo would give it on submission: {@code metadata.name}, or {@code generateName} plus five random
 * characters, the namespace, and a fresh UID.
 *
 * <p>The runner runs plugin, steps and dag templates. What it cannot do faithfully it refuses with one sentence
 * rather than run differently from Argo: other template types reachable from the entrypoint, loops
 * ({@code withItems}, {@code withParam}, {@code withSequence}), {@code when}, exit handlers and hooks,
 * {@code templateRef}, retry strategies, and {@code depends} expressions beyond {@code a && b.Succeeded}.
 */
public final class Workflow {

    static final String API_VERSION = "argoproj.io/v1alpha1";

    /** The alphabet of k8s' {@code rand.String}, which {@code generateName} uses for its five characters. */
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<String> TEMPLATE_TYPES = List.of(
            "container", "script", "resource", "suspend", "steps", "dag", "http", "plugin", "containerSet", "data");
    private static final List<String> UNSUPPORTED_STEP_FIELDS =
            List.of("when", "withItems", "withParam", "withSequence", "onExit", "hooks", "templateRef", "inline");
    private static final List<String> UNSUPPORTED_TEMPLATE_FIELDS =
            List.of("retryStrategy", "parallelism", "memoize", "synchronization");
    private static final List<String> UNSUPPORTED_SPEC_FIELDS =
            List.of("onExit", "hooks", "workflowTemplateRef", "templateDefaults");
    private static final Pattern DEPENDS_TERM = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)(\\.Succeeded)?");

    private final String source;
    private final WorkflowMetadata metadata;
    private final String entrypoint;
    private final Map<String, String> parameters;
    private final Map<String, Template> templates;
    private final ObjectNode objectMeta;

    private Workflow(
            String source,
            WorkflowMetadata metadata,
            String entrypoint,
            Map<String, String> parameters,
            Map<String, Template> templates,
            ObjectNode objectMeta) {
        this.source = source;
        this.metadata = metadata;
        this.objectMeta = objectMeta;
        this.entrypoint = entrypoint;
        this.parameters = Collections.unmodifiableMap(parameters);
        this.templates = Collections.unmodifiableMap(templates);
    }

    /** Reads and checks a Workflow file; {@code defaultNamespace} applies when it names none. */
    public static Workflow read(Path file, String defaultNamespace) throws WorkflowException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new WorkflowException("Cannot read " + file + ": there is no such file.", e);
        } catch (IOException e) {
            throw new WorkflowException("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
        return parse(text, file.toString(), defaultNamespace);
    }

    /** Parses and checks Workflow YAML (or JSON); {@code source} names it in errors. */
    public static Workflow parse(String yaml, String source, String defaultNamespace) throws WorkflowException {
        JsonNode root;
        try {
            root = Json.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new WorkflowException(
                    source + " is not valid YAML (line " + line + "): " + firstLines(e.getOriginalMessage()) + ".", e);
        }
        if (root == null || !root.isObject()) {
            throw new WorkflowException(
                    source + " does not hold a Workflow: expected a mapping with apiVersion, kind, metadata and spec.");
        }
        return new Parser(source).workflow(root, defaultNamespace);
    }

    /** SnakeYAML's message without the excerpts it quotes: its context and problem lines, on one line. */
    private static String firstLines(String message) {
        return String.join(
                ", ",
                String.valueOf(message)
                        .lines()
                        .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                        .toList());
    }

    public String name() {
        return metadata.name();
    }

    public String namespace() {
        return metadata.namespace();
    }

    public String uid() {
        return metadata.uid();
    }

    public String entrypoint() {
        return entrypoint;
    }

    /** What the agent sends as {@code workflow.metadata}. */
    public WorkflowMetadata metadata() {
        return metadata;
    }

    /**
     * The Workflow's ObjectMeta as the controller holds it after submission, which controller plugins receive:
     * {@code name}, {@code generateName} (when the manifest used it), {@code namespace}, {@code uid}, and the
     * manifest's {@code labels} and {@code annotations}. A copy; the controller adds its labels and timestamp.
     */
    public ObjectNode objectMeta() {
        return objectMeta.deepCopy();
    }

    /** {@code spec.arguments.parameters}, which templates read as {@code {{workflow.parameters.<name>}}}. */
    public Map<String, String> parameters() {
        return parameters;
    }

    String source() {
        return source;
    }

    Template template(String name) {
        return templates.get(name);
    }

    /** Argo's name for a generated workflow: the prefix and five characters of k8s' {@code rand.String}. */
    static String generateName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 5; i++) {
            name.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return name.toString();
    }

    /** Walks the manifest once; every problem becomes a {@link WorkflowException} naming where it is. */
    private static final class Parser {
        private final String source;

        Parser(String source) {
            this.source = source;
        }

        Workflow workflow(JsonNode root, String defaultNamespace) throws WorkflowException {
            String kind = text(root, "kind");
            if (!"Workflow".equals(kind)) {
                throw fail(source + (kind == null ? " has no kind" : " has kind " + kind)
                        + "; the reference runner runs kind Workflow (apiVersion " + API_VERSION + ").");
            }
            String apiVersion = text(root, "apiVersion");
            if (!API_VERSION.equals(apiVersion)) {
                throw fail(source + " has apiVersion " + (apiVersion == null ? "(none)" : apiVersion)
                        + "; a Workflow's apiVersion is " + API_VERSION + ".");
            }
            JsonNode meta = root.path("metadata");
            String name = text(meta, "name");
            String generateName = text(meta, "generateName");
            if (isBlank(name) && isBlank(generateName)) {
                throw fail(source
                        + " has neither metadata.name nor metadata.generateName; Argo needs one to name the workflow.");
            }
            String workflowName = isBlank(name) ? generateName(generateName) : name;
            String namespace = isBlank(text(meta, "namespace")) ? defaultNamespace : text(meta, "namespace");

            JsonNode spec = root.path("spec");
            if (!spec.isObject()) {
                throw fail(source + " has no spec; a Workflow needs spec.entrypoint and spec.templates.");
            }
            for (String field : UNSUPPORTED_SPEC_FIELDS) {
                if (spec.hasNonNull(field)) {
                    throw fail(source + " sets spec." + field
                            + ", which the reference runner does not support; remove it to run the workflow here.");
                }
            }
            Map<String, String> parameters =
                    workflowParameters(spec.path("arguments").path("parameters"));
            Map<String, Template> templates = templates(spec.path("templates"));
            String entrypoint = text(spec, "entrypoint");
            if (isBlank(entrypoint)) {
                throw fail(source + " has no spec.entrypoint; Argo needs it to know which template to run.");
            }
            if (!templates.containsKey(entrypoint)) {
                throw fail("spec.entrypoint " + entrypoint + " names no template of " + source + "; its templates are "
                        + String.join(", ", templates.keySet()) + ".");
            }
            checkReferences(templates);
            checkReachable(templates, entrypoint);
            WorkflowMetadata metadata = new WorkflowMetadata(
                    workflowName, namespace, UUID.randomUUID().toString());
            ObjectNode objectMeta = Json.object();
            objectMeta.put("name", workflowName);
            if (!isBlank(generateName)) {
                objectMeta.put("generateName", generateName);
            }
            objectMeta.put("namespace", namespace);
            objectMeta.put("uid", metadata.uid());
            for (String map : List.of("labels", "annotations")) {
                if (meta.path(map).isObject() && !meta.path(map).isEmpty()) {
                    ObjectNode strings = objectMeta.putObject(map);
                    meta.path(map)
                            .properties()
                            .forEach(e -> strings.put(e.getKey(), e.getValue().asText()));
                }
            }
            return new Workflow(source, metadata, entrypoint, parameters, templates, objectMeta);
        }

        private Map<String, String> workflowParameters(JsonNode list) throws WorkflowException {
            Map<String, String> out = new LinkedHashMap<>();
            for (JsonNode p : elements(list, "spec.arguments.parameters")) {
                String name = text(p, "name");
                if (isBlank(name)) {
                    throw fail("A parameter of spec.arguments.parameters in " + source + " has no name.");
                }
                String value = anyString(p.get("value"));
                if (value == null) {
                    throw fail("Workflow parameter " + name
                            + " (spec.arguments.parameters) has no value; the reference runner needs one.");
                }
                out.put(name, value);
            }
            return out;
        }

        private Map<String, Template> templates(JsonNode list) throws WorkflowException {
            if (!list.isArray() || list.isEmpty()) {
                throw fail(source + " has no spec.templates; a Workflow needs at least the entrypoint template.");
            }
            Map<String, Template> out = new LinkedHashMap<>();
            int index = 0;
            for (JsonNode t : list) {
                if (!t.isObject() || isBlank(text(t, "name"))) {
                    throw fail("spec.templates[" + index + "] of " + source + " has no name.");
                }
                Template template = template((ObjectNode) t);
                if (out.put(template.name(), template) != null) {
                    throw fail(
                            "Template name " + template.name() + " appears twice in spec.templates of " + source + ".");
                }
                index++;
            }
            return out;
        }

        private Template template(ObjectNode t) throws WorkflowException {
            String name = text(t, "name");
            List<String> types = new ArrayList<>();
            for (String type : TEMPLATE_TYPES) {
                if (t.hasNonNull(type)) {
                    types.add(type);
                }
            }
            if (types.size() > 1) {
                throw fail("Template " + name + " sets more than one template type (" + String.join(", ", types)
                        + "); Argo allows exactly one.");
            }
            String type = types.isEmpty() ? null : types.getFirst();
            if (type == null || !List.of("plugin", "steps", "dag").contains(type)) {
                return new Template(
                        name,
                        Template.Kind.UNSUPPORTED,
                        type == null ? "" : type,
                        t,
                        List.of(),
                        List.of(),
                        List.of(),
                        null);
            }
            for (String field : UNSUPPORTED_TEMPLATE_FIELDS) {
                if (t.hasNonNull(field)) {
                    throw fail("Template " + name + " sets " + field
                            + ", which the reference runner does not apply; remove it to run the workflow here.");
                }
            }
            timeouts(name, type, t);
            List<Template.InputParameter> inputs = inputs(name, t.path("inputs").path("parameters"));
            return switch (type) {
                case "plugin" -> {
                    JsonNode plugin = t.get("plugin");
                    if (!plugin.isObject()) {
                        throw fail(
                                "Template " + name
                                        + " has a plugin that is not an object; it must have exactly one key, the plugin's own.");
                    }
                    if (plugin.size() != 1) {
                        // Argo's text, from Plugin.UnmarshalJSON (pkg/apis/workflow/v1alpha1/plugin_types.go).
                        throw fail("Template " + name + " has an invalid plugin: expected exactly one key, got "
                                + plugin.size() + ".");
                    }
                    yield new Template(name, Template.Kind.PLUGIN, "", t, inputs, List.of(), List.of(), null);
                }
                case "steps" ->
                    new Template(
                            name,
                            Template.Kind.STEPS,
                            "",
                            t,
                            inputs,
                            outputs(name, t),
                            steps(name, t.get("steps")),
                            null);
                default ->
                    new Template(
                            name,
                            Template.Kind.DAG,
                            "",
                            t,
                            inputs,
                            outputs(name, t),
                            List.of(),
                            dag(name, t.get("dag")));
            };
        }

        /**
         * Argo's validation (validate.go, validateLeaf): only leaf templates, plugins among them, take timeout or
         * pendingTimeout, and a timeout that is a whole number is refused, though the controller would read it as
         * seconds.
         */
        private void timeouts(String name, String type, ObjectNode t) throws WorkflowException {
            String argoType = type.equals("steps") ? "Steps" : "DAG";
            for (String field : List.of("timeout", "pendingTimeout")) {
                if (t.hasNonNull(field) && !type.equals("plugin")) {
                    throw fail("Template " + name + " sets " + field + ", which Argo refuses: \"" + argoType
                            + " template doesn't support " + field
                            + " field\"; set it on the plugin templates it runs.");
                }
            }
            String timeout = t.path("timeout").asText("");
            if (timeout.matches("[+-]?[0-9]+")) {
                throw fail("Template " + name + " sets timeout " + timeout + ", which Argo refuses: \"" + name
                        + " has invalid duration format in timeout\"; give a unit, such as " + timeout + "s.");
            }
        }

        private List<Template.InputParameter> inputs(String template, JsonNode list) throws WorkflowException {
            List<Template.InputParameter> out = new ArrayList<>();
            for (JsonNode p : elements(list, "inputs.parameters of template " + template)) {
                String name = text(p, "name");
                if (isBlank(name)) {
                    throw fail("An input parameter of template " + template + " has no name.");
                }
                out.add(new Template.InputParameter(name, anyString(p.get("value")), anyString(p.get("default"))));
            }
            return out;
        }

        private List<Template.OutputParameter> outputs(String template, JsonNode t) throws WorkflowException {
            List<Template.OutputParameter> out = new ArrayList<>();
            for (JsonNode p :
                    elements(t.path("outputs").path("parameters"), "outputs.parameters of template " + template)) {
                String name = text(p, "name");
                if (isBlank(name)) {
                    throw fail("An output parameter of template " + template + " has no name.");
                }
                JsonNode from = p.path("valueFrom");
                String value = anyString(p.get("value"));
                String fromParameter = text(from, "parameter");
                if (value == null && fromParameter == null) {
                    throw fail(
                            "Output parameter " + name + " of template " + template
                                    + " has neither value nor valueFrom.parameter; steps and dag templates take their outputs from their children that way.");
                }
                out.add(new Template.OutputParameter(name, value, fromParameter, anyString(from.get("default"))));
            }
            return out;
        }

        private List<List<Template.Step>> steps(String template, JsonNode groups) throws WorkflowException {
            if (!groups.isArray()) {
                throw fail("Template " + template + " has steps that are not a list of step groups.");
            }
            List<List<Template.Step>> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            int index = 0;
            for (JsonNode group : groups) {
                if (!group.isArray()) {
                    throw fail("Step group " + index + " of template " + template
                            + " is not a list; each entry of steps is a list of steps that run in parallel.");
                }
                List<Template.Step> steps = new ArrayList<>();
                for (JsonNode s : group) {
                    String name = text(s, "name");
                    if (isBlank(name)) {
                        throw fail("A step in group " + index + " of template " + template + " has no name.");
                    }
                    String where = "Step " + name + " of template " + template;
                    if (!names.add(name)) {
                        throw fail(where
                                + " shares its name with another step; step names must be unique within a template.");
                    }
                    unsupportedStepFields(s, where);
                    steps.add(new Template.Step(name, requiredTemplate(s, where), arguments(s, where), continueOn(s)));
                }
                out.add(steps);
                index++;
            }
            return out;
        }

        private Template.Dag dag(String template, JsonNode dag) throws WorkflowException {
            if (!dag.isObject() || !dag.path("tasks").isArray()) {
                throw fail("Template " + template + " has a dag without a list of tasks.");
            }
            if (dag.hasNonNull("target")) {
                throw fail("The dag of template " + template
                        + " sets target, which the reference runner does not support; remove it to run every task.");
            }
            Map<String, Template.DagTask> tasks = new LinkedHashMap<>();
            for (JsonNode t : dag.get("tasks")) {
                String name = text(t, "name");
                if (isBlank(name)) {
                    throw fail("A task of the dag of template " + template + " has no name.");
                }
                String where = "Task " + name + " of template " + template;
                unsupportedStepFields(t, where);
                List<Template.Dependency> dependencies = dependencies(t, where);
                Template.DagTask task = new Template.DagTask(
                        name, requiredTemplate(t, where), arguments(t, where), dependencies, continueOn(t));
                if (tasks.put(name, task) != null) {
                    throw fail(where + " shares its name with another task; task names must be unique within a dag.");
                }
            }
            for (Template.DagTask task : tasks.values()) {
                for (Template.Dependency d : task.dependencies()) {
                    if (!tasks.containsKey(d.task())) {
                        throw fail("Task " + task.name() + " of template " + template + " depends on " + d.task()
                                + ", which is not a task of that dag.");
                    }
                }
            }
            boolean failFast = !dag.has("failFast") || dag.get("failFast").asBoolean(true);
            return new Template.Dag(topologicalOrder(template, tasks), failFast);
        }

        private List<Template.Dependency> dependencies(JsonNode t, String where) throws WorkflowException {
            boolean hasList = t.hasNonNull("dependencies");
            boolean hasDepends = t.hasNonNull("depends");
            if (hasList && hasDepends) {
                throw fail(where + " sets both dependencies and depends; Argo allows only one of them.");
            }
            List<Template.Dependency> out = new ArrayList<>();
            if (hasList) {
                for (JsonNode d : elements(t.get("dependencies"), "dependencies of " + where)) {
                    out.add(new Template.Dependency(d.asText(), false, true));
                }
            } else if (hasDepends) {
                String depends = t.get("depends").asText();
                for (String term : depends.split("&&", -1)) {
                    var m = DEPENDS_TERM.matcher(term.strip());
                    if (!m.matches()) {
                        throw fail(
                                where + " has depends \"" + depends
                                        + "\"; the reference runner understands only task names joined by &&, each optionally with .Succeeded.");
                    }
                    out.add(new Template.Dependency(m.group(1), m.group(2) != null, false));
                }
            }
            return out;
        }

        /** Kahn's algorithm, keeping the written order among tasks that are ready together; a cycle is an error. */
        private List<Template.DagTask> topologicalOrder(String template, Map<String, Template.DagTask> tasks)
                throws WorkflowException {
            List<Template.DagTask> ordered = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            while (ordered.size() < tasks.size()) {
                boolean progress = false;
                for (Template.DagTask task : tasks.values()) {
                    if (!placed.contains(task.name())
                            && task.dependencies().stream().allMatch(d -> placed.contains(d.task()))) {
                        ordered.add(task);
                        placed.add(task.name());
                        progress = true;
                    }
                }
                if (!progress) {
                    List<String> waiting = tasks.keySet().stream()
                            .filter(n -> !placed.contains(n))
                            .toList();
                    throw fail("The dag of template " + template + " has a dependency cycle among tasks "
                            + String.join(", ", waiting) + ".");
                }
            }
            return ordered;
        }

        private void unsupportedStepFields(JsonNode s, String where) throws WorkflowException {
            for (String field : UNSUPPORTED_STEP_FIELDS) {
                if (s.hasNonNull(field)) {
                    throw fail(where + " uses " + field
                            + ", which the reference runner does not support; remove it to run the workflow here.");
                }
            }
        }

        private String requiredTemplate(JsonNode s, String where) throws WorkflowException {
            String template = text(s, "template");
            if (isBlank(template)) {
                throw fail(where + " names no template.");
            }
            return template;
        }

        private List<Template.Argument> arguments(JsonNode s, String where) throws WorkflowException {
            List<Template.Argument> out = new ArrayList<>();
            for (JsonNode a : elements(s.path("arguments").path("parameters"), "arguments.parameters of " + where)) {
                String name = text(a, "name");
                String value = anyString(a.get("value"));
                if (isBlank(name) || value == null) {
                    throw fail(where + " passes a parameter "
                            + (isBlank(name) ? "without a name" : name + " without a value")
                            + "; the reference runner needs name and value.");
                }
                out.add(new Template.Argument(name, value));
            }
            return out;
        }

        private static Template.ContinueOn continueOn(JsonNode s) {
            JsonNode c = s.path("continueOn");
            return c.isObject()
                    ? new Template.ContinueOn(
                            c.path("failed").asBoolean(false), c.path("error").asBoolean(false))
                    : Template.ContinueOn.NEVER;
        }

        private void checkReferences(Map<String, Template> templates) throws WorkflowException {
            for (Template t : templates.values()) {
                for (String[] ref : references(t)) {
                    if (!templates.containsKey(ref[1])) {
                        throw fail(ref[0] + " refers to template " + ref[1] + ", which spec.templates of " + source
                                + " does not define.");
                    }
                }
            }
        }

        private void checkReachable(Map<String, Template> templates, String entrypoint) throws WorkflowException {
            Set<String> seen = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(entrypoint));
            while (!todo.isEmpty()) {
                Template t = templates.get(todo.pop());
                if (!seen.add(t.name())) {
                    continue;
                }
                if (t.kind() == Template.Kind.UNSUPPORTED) {
                    throw fail(
                            t.unsupportedType().isEmpty()
                                    ? "Template " + t.name()
                                            + " has no template type; the reference runner only runs plugin, steps and dag templates."
                                    : "Template " + t.name() + " is a " + t.unsupportedType()
                                            + " template; the reference runner only runs plugin, steps and dag templates.");
                }
                for (String[] ref : references(t)) {
                    todo.push(ref[1]);
                }
            }
        }

        /** Pairs of (who refers, template name). */
        private static List<String[]> references(Template t) {
            List<String[]> out = new ArrayList<>();
            for (List<Template.Step> group : t.steps()) {
                for (Template.Step s : group) {
                    out.add(new String[] {"Step " + s.name() + " of template " + t.name(), s.template()});
                }
            }
            if (t.dag() != null) {
                for (Template.DagTask task : t.dag().tasks()) {
                    out.add(new String[] {"Task " + task.name() + " of template " + t.name(), task.template()});
                }
            }
            return out;
        }

        private List<JsonNode> elements(JsonNode list, String what) throws WorkflowException {
            if (list == null || list.isMissingNode() || list.isNull()) {
                return List.of();
            }
            if (!list.isArray()) {
                throw fail(capitalise(what) + " in " + source + " is not a list.");
            }
            return GoJson.elements(list);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node == null ? null : node.get(field);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }

        /** Argo's {@code AnyString}: YAML numbers and booleans become their text; null stays absent. */
        private static String anyString(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return null;
            }
            return value.isContainerNode() ? Json.write(value) : GoJson.anyString(value);
        }

        private static boolean isBlank(String s) {
            return s == null || s.isBlank();
        }

        private static String capitalise(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        private static WorkflowException fail(String sentence) {
            return new WorkflowException(sentence);
        }
    }
}
