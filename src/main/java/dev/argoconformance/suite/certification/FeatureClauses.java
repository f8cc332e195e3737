package dev.argoconformance.suite.certification;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import io.cucumber.messages.types.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract text the features carry: each scenario's description is the clause it checks, quoted
 * from the seeds or Argo's source. Read once per feature file and shared by the report and the
 * failure messages, so both quote the same words.
 */
public final class FeatureClauses {

    /** A scenario as the feature file states it. */
    public record ScenarioText(
            String featureName, String title, String clause, Set<String> tags, String uri, long line) {}

    private static final Map<String, Map<Long, ScenarioText>> CACHE = new ConcurrentHashMap<>();
    private static final GherkinParser PARSER =
            GherkinParser.builder().includeSource(false).includePickles(false).build();

    private FeatureClauses() {}

    /** Every scenario of the feature at {@code uri}, in file order. */
    public static java.util.List<ScenarioText> scenarios(String uri) {
        return CACHE.computeIfAbsent(uri, FeatureClauses::parse).values().stream()
                .distinct()
                .sorted(java.util.Comparator.comparingLong(ScenarioText::line))
                .toList();
    }

    /** The scenario at {@code line} of the feature at {@code uri} (its own line or an example row's). */
    public static Optional<ScenarioText> at(String uri, long line) {
        return Optional.ofNullable(
                CACHE.computeIfAbsent(uri, FeatureClauses::parse).get(line));
    }

    private static Map<Long, ScenarioText> parse(String uri) {
        Map<Long, ScenarioText> byLine = new HashMap<>();
        byte[] data = read(uri);
        PARSER.parse(uri, data)
                .map(Envelope::getGherkinDocument)
                .flatMap(Optional::stream)
                .map(GherkinDocument::getFeature)
                .flatMap(Optional::stream)
                .forEach(feature -> index(uri, feature, byLine));
        return byLine;
    }

    private static void index(String uri, Feature feature, Map<Long, ScenarioText> byLine) {
        Set<String> featureTags = names(feature.getTags());
        for (FeatureChild child : feature.getChildren()) {
            child.getScenario().ifPresent(s -> add(uri, feature, featureTags, s, byLine));
            child.getRule()
                    .ifPresent(rule -> rule.getChildren()
                            .forEach(rc -> rc.getScenario().ifPresent(s -> add(uri, feature, featureTags, s, byLine))));
        }
    }

    private static void add(
            String uri, Feature feature, Set<String> featureTags, Scenario scenario, Map<Long, ScenarioText> byLine) {
        Set<String> tags = new HashSet<>(featureTags);
        tags.addAll(names(scenario.getTags()));
        long line = scenario.getLocation().getLine();
        ScenarioText text = new ScenarioText(
                feature.getName(), scenario.getName(), clause(scenario.getDescription()), Set.copyOf(tags), uri, line);
        byLine.put(line, text);
        for (Examples examples : scenario.getExamples()) {
            for (TableRow row : examples.getTableBody()) {
                byLine.put(row.getLocation().getLine(), text);
            }
        }
    }

    private static String clause(String description) {
        if (description == null) {
            return "";
        }
        return description
                .lines()
                .map(String::strip)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("")
                .strip();
    }

    private static Set<String> names(java.util.List<Tag> tags) {
        Set<String> out = new HashSet<>();
        tags.forEach(t -> out.add(t.getName().substring(1)));
        return out;
    }

    private static byte[] read(String uri) {
        try {
            if (uri.startsWith("classpath:")) {
                String path = uri.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in =
                        Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IOException("no classpath resource " + path);
                    }
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(Path.of(URI.create(uri)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature " + uri, e);
        }
    }
}
