package dev.argoconformance.reference.generator.gotext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Argo CD's {@code Render.Replace} ({@code applicationset/utils/utils.go}): one string rendered against one parameter
 * set, with Go's text/template (subset, see {@link GoTemplate}) when the ApplicationSet sets {@code goTemplate: true},
 * else with fasttemplate ({@link FastTemplate}). Errors carry Argo's wording: {@code failed to parse template <t>: ...},
 * {@code failed to execute go template <t>: ...}, {@code invalid template: ...}.
 *
 * <p>One instance serves one reconciliation and remembers the {@link Quirks} it ran into, so the caller can report
 * them next to the result.
 */
public final class Render {

    private final Quirks quirks = new Quirks();

    /**
     * @param options {@code spec.goTemplateOptions}; only {@code missingkey=...} exists in Go, the last one wins
     * @throws TemplateException what Argo would report
     * @throws UnsupportedTemplateException for goTemplate syntax outside the subset, or an option Go does not know
     */
    public String replace(String template, Map<String, Object> params, boolean goTemplate, List<String> options)
            throws TemplateException {
        if (!goTemplate) {
            return FastTemplate.execute(template, params, quirks);
        }
        GoTemplate.MissingKey missingKey = missingKey(options, template);
        GoTemplate parsed;
        try {
            parsed = GoTemplate.parse(template, quirks);
        } catch (TemplateException e) {
            throw new TemplateException("failed to parse template " + template + ": " + e.getMessage());
        }
        try {
            return parsed.execute(params, missingKey);
        } catch (TemplateException e) {
            throw new TemplateException("failed to execute go template " + template + ": " + e.getMessage());
        }
    }

    /** True when the message is one of Go's missing-key errors, which Argo's matrix pre-resolution of values forgives. */
    public static boolean isMissingKeyError(String message) {
        return message.contains("map has no entry for key") || message.contains("can't evaluate field");
    }

    public Quirks quirks() {
        return quirks;
    }

    private static GoTemplate.MissingKey missingKey(List<String> options, String template) {
        GoTemplate.MissingKey missingKey = GoTemplate.MissingKey.INVALID;
        for (String option : options) {
            missingKey = switch (option) {
                case "missingkey=default", "missingkey=invalid" -> GoTemplate.MissingKey.INVALID;
                case "missingkey=zero" -> GoTemplate.MissingKey.ZERO;
                case "missingkey=error" -> GoTemplate.MissingKey.ERROR;
                default ->
                    throw new UnsupportedTemplateException(
                            template, "the template option " + GoValues.quote(option) + " (Go's Option panics on it)");
            };
        }
        return missingKey;
    }

    /** Behaviours of Argo's rendering that surprise users, seen during one reconciliation. */
    public static final class Quirks {
        private boolean opaqueInputParameter;
        private final Set<String> verbatimTags = new TreeSet<>();

        void opaqueInputParameter() {
            opaqueInputParameter = true;
        }

        void fastTemplateLeftVerbatim(String key) {
            verbatimTags.add(key);
        }

        /** A goTemplate read into {@code .generator.input.parameters.<k>}, a {@code v1.JSON} Go prints as struct bytes. */
        public boolean sawOpaqueInputParameter() {
            return opaqueInputParameter;
        }

        /** fasttemplate tags naming a key that is not a string ({@code generator.*}, a nested map), left as written. */
        public Set<String> verbatimTags() {
            return Set.copyOf(verbatimTags);
        }
    }
}
