package dev.argoconformance.reference.manifest;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The first YAML document of a text, as go-yaml v2 reads it into {@code interface{}} in strict mode: plain scalars
 * resolved by YAML 1.1 rules, duplicate keys refused, {@code <<} merges flattened, keys turned into JSON keys the
 * way {@code sigs.k8s.io/yaml} does. SnakeYAML does the parsing; it keeps scalar styles and line numbers, which
 * Jackson's tree drops, so errors can say where they are.
 */
final class YamlTree {

    sealed interface Node permits Scalar, Sequence, Mapping {
        int line();
    }

    /** {@code value} is a String, Long, BigInteger (above int64), Double, Boolean, or null. */
    record Scalar(Object value, int line) implements Node {}

    record Sequence(List<Node> items, int line) implements Node {}

    record Mapping(List<Entry> entries, int line) implements Node {}

    record Entry(String key, Node value, int line) {}

    private static final Resolver SNAKE_RESOLVER = new Resolver();

    private final String source;
    private final Set<org.yaml.snakeyaml.nodes.Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlTree(String source) {
        this.source = source;
    }

    /** The first document, or null when there is none (Go then decodes {@code null}: every field stays zero). */
    static Node read(String yaml, String source) throws ManifestException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        try {
            Iterator<org.yaml.snakeyaml.nodes.Node> documents =
                    new Yaml(options).composeAll(new StringReader(yaml)).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            org.yaml.snakeyaml.nodes.Node first = documents.next();
            return first == null ? null : new YamlTree(source).convert(first);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ManifestException(source + " line " + line + ": not valid YAML: " + problem);
        } catch (YAMLException e) {
            throw new ManifestException(source + ": not valid YAML: " + e.getMessage());
        }
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node) throws ManifestException {
        int line = node.getStartMark().getLine() + 1;
        if (!inProgress.add(node)) {
            throw new ManifestException(source + " line " + line + ": not valid YAML: an alias refers to itself");
        }
        try {
            return switch (node) {
                case ScalarNode scalar -> new Scalar(scalarValue(scalar), line);
                case SequenceNode sequence -> {
                    List<Node> items = new ArrayList<>();
                    for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
                        items.add(convert(item));
                    }
                    yield new Sequence(items, line);
                }
                case MappingNode mapping -> mapping(mapping, line);
                default ->
                    throw new ManifestException(
                            source + " line " + line + ": not valid YAML: unexpected " + node.getNodeId());
            };
        } finally {
            inProgress.remove(node);
        }
    }

    private Mapping mapping(MappingNode mapping, int line) throws ManifestException {
        List<Object> seen = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        addEntries(mapping, seen, entries);
        return new Mapping(entries, line);
    }

    private void addEntries(MappingNode mapping, List<Object> seen, List<Entry> entries) throws ManifestException {
        for (NodeTuple tuple : mapping.getValue()) {
            org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            int line = keyNode.getStartMark().getLine() + 1;
            if (keyNode instanceof ScalarNode k && k.isPlain() && k.getValue().equals("<<")) {
                merge(tuple.getValueNode(), seen, entries);
                continue;
            }
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw new ManifestException(
                        source + " line " + line + ": not valid YAML for Kubernetes: a map key must be a scalar");
            }
            Object key = scalarValue(scalarKey);
            // go-yaml's strict mode: "line N: key "x" already set in map", N being the value's line.
            if (seen.stream().anyMatch(s -> Objects.equals(s, key))) {
                int valueLine = tuple.getValueNode().getStartMark().getLine() + 1;
                throw new ManifestException(source + " line " + valueLine + ": key " + goQuote(key)
                        + " already set in map (Argo refuses duplicate keys: yaml: unmarshal errors)");
            }
            seen.add(key);
            entries.add(new Entry(jsonKey(key, line), convert(tuple.getValueNode()), line));
        }
    }

    private void merge(org.yaml.snakeyaml.nodes.Node value, List<Object> seen, List<Entry> entries)
            throws ManifestException {
        if (value instanceof MappingNode merged) {
            addEntries(merged, seen, entries);
        } else if (value instanceof SequenceNode list
                && list.getValue().stream().allMatch(MappingNode.class::isInstance)) {
            for (org.yaml.snakeyaml.nodes.Node item : list.getValue()) {
                addEntries((MappingNode) item, seen, entries);
            }
        } else {
            throw new ManifestException(
                    source + " line " + (value.getStartMark().getLine() + 1)
                            + ": not valid YAML: map merge requires map or sequence of maps as the value");
        }
    }

    private static Object scalarValue(ScalarNode scalar) {
        if (!scalar.isPlain()) {
            return scalar.getValue();
        }
        // An explicit !!str on a plain scalar keeps it a string; SnakeYAML only tells us through the tag.
        Tag implicit = SNAKE_RESOLVER.resolve(NodeId.scalar, scalar.getValue(), true);
        if (Tag.STR.equals(scalar.getTag()) && !Tag.STR.equals(implicit)) {
            return scalar.getValue();
        }
        GoYamlScalars.Resolved resolved = GoYamlScalars.resolve(scalar.getValue());
        return switch (resolved.kind()) {
            case STR, TIMESTAMP -> scalar.getValue(); // go-yaml hands timestamps to interface{} as strings
            default -> resolved.value();
        };
    }

    /** {@code sigs.k8s.io/yaml}'s key conversion: numbers and booleans become their text. */
    private String jsonKey(Object key, int line) throws ManifestException {
        return switch (key) {
            case String s -> s;
            case Long l -> Long.toString(l);
            case BigInteger b -> b.toString();
            case Boolean b -> b.toString();
            case Double d ->
                switch (GoYamlScalars.formatG(d, 32)) {
                    case "+Inf" -> ".inf";
                    case "-Inf" -> "-.inf";
                    case "NaN" -> ".nan";
                    case String s -> s;
                };
            case null ->
                throw new ManifestException(source + " line " + line
                        + ": a null map key cannot become JSON (Argo: unsupported map key of type: <nil>)");
            default -> throw new ManifestException(source + " line " + line + ": unsupported map key " + key);
        };
    }

    private static String goQuote(Object key) {
        return key instanceof String s
                ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : String.valueOf(key);
    }
}
