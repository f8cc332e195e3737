package dev.argoconformance.suite.certification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The version tags of the reference controller's scenarios (features/reference), read from the features on the
 * classpath: the one place the versions are written. A scenario without one holds for every release with executor
 * plugins.
 */
final class VersionTags {

    private static final String REFERENCE = FeatureCatalogue.ROOT + "/reference/";

    private VersionTags() {}

    /** Read once: the features are the jar's, and a run asks for a few tags. */
    private static final class Read {
        static final Map<String, Optional<Releases>> TAGS = read();
    }

    /** Every reference scenario's ID and its releases; one clear sentence for a tag that does not parse. */
    public static Map<String, Optional<Releases>> ofReferenceScenarios() {
        return Read.TAGS;
    }

    private static Map<String, Optional<Releases>> read() {
        Map<String, Optional<Releases>> out = new LinkedHashMap<>();
        for (FeatureClauses.ScenarioText s : FeatureCatalogue.scenarios()) {
            if (!s.uri().contains(REFERENCE)) {
                continue;
            }
            Optional<Releases> releases = Optional.empty();
            for (String tag : s.tags()) {
                String t = "@" + tag;
                if (t.startsWith(Releases.TAG_PREFIX)) {
                    if (releases.isPresent()) {
                        throw new IllegalArgumentException(s.uri() + ":" + s.line()
                                + " has two version tags; give one, with backports as 3.7.17/4.0.8/4.1.0");
                    }
                    try {
                        releases = Optional.of(Releases.parseTag(t));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(s.uri() + ":" + s.line() + ": " + e.getMessage(), e);
                    }
                } else if (t.startsWith("@argo") && !t.equals(Releases.UNRELEASED_TAG)) {
                    throw new IllegalArgumentException(s.uri() + ":" + s.line() + ": the tag " + t + " is neither "
                            + Releases.TAG_PREFIX + "<version> nor " + Releases.UNRELEASED_TAG);
                }
            }
            out.put(Requirement.idIn(s.tags()), releases);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The releases the scenario holds for: its tag, or every release with executor plugins. */
    public static Releases of(String scenario) {
        Map<String, Optional<Releases>> all = ofReferenceScenarios();
        if (!all.containsKey(scenario)) {
            throw new IllegalStateException("no reference scenario " + scenario
                    + " on the classpath: the suite was built without features/reference");
        }
        return all.get(scenario).orElse(Releases.from(ArgoVersion.FIRST_EXECUTOR_PLUGINS));
    }
}
