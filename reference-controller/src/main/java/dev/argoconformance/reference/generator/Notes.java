package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.util.List;

/** The compatibility notes this package can raise, one factory each, and the standing list of approximations. */
final class Notes {

    static final String SPEC = "docs/argo-behaviour.md";

    private Notes() {}

    static CompatibilityNote tokenLiteral(String configMap, String secret, String key, String literal) {
        return new CompatibilityNote(
                "GEN-TOKEN-LITERAL",
                "plugin " + configMap + ": Secret " + secret + " has no key " + key
                        + ", so the bearer token sent is the literal " + literal,
                "settings.ReplaceStringSecret logs a warning and returns the reference itself when the key is missing; the"
                        + " plugin sees 'Authorization: Bearer " + literal + "' and no error is reported",
                "reproduced: the literal reference was sent as the token",
                "util/settings/settings.go ReplaceStringSecret; applicationset/generators/plugin.go getToken; " + SPEC
                        + " §CD2");
    }

    static CompatibilityNote tokenEmpty(String configMap, String secret, String key) {
        return new CompatibilityNote(
                "GEN-TOKEN-EMPTY",
                "plugin " + configMap + ": Secret " + secret + " key " + key
                        + " is empty or blank, so no Authorization header" + " was sent",
                "the value is TrimSpace'd; an empty token makes internalhttp.Client skip the Authorization header",
                "reproduced: no Authorization header",
                "applicationset/services/internal/http/client.go NewRequestWithContext; " + SPEC + " §CD2");
    }

    static CompatibilityNote silentEmpty(String configMap, String why) {
        return new CompatibilityNote(
                "GEN-SILENT-EMPTY",
                "plugin " + configMap + " answered with zero parameter sets without an explicit empty list: " + why,
                "Client.Do decodes into ServiceResponse; an empty body (io.EOF), null, {}, a missing or null output or"
                        + " output.parameters all give zero sets and no error, so Argo deletes the ApplicationSet's"
                        + " Applications (sync policy permitting) exactly as for output.parameters: []",
                "reproduced: zero sets, no error, Applications pruned; flagged here",
                "applicationset/services/internal/http/client.go Client.Do; " + SPEC + " §CD1.3");
    }

    static CompatibilityNote opaqueInputParameter() {
        return new CompatibilityNote(
                "GEN-OPAQUE-INPUT-PARAMETER",
                "a goTemplate read a value of .generator.input.parameters, which Argo holds as apiextensionsv1.JSON",
                "text/template prints the struct ({[34 118 49 34]}: the raw bytes) and index fails with \"can't index item of"
                        + " type v1.JSON\"; toJson would work [infer]",
                "reproduced as inferred from the source; not yet checked against a Go run",
                "applicationset/generators/plugin.go generateParams; " + SPEC + " §CD4.2");
    }

    static CompatibilityNote fastTemplateVerbatim(String tag) {
        return new CompatibilityNote(
                "GEN-FASTTEMPLATE-VERBATIM",
                "the fasttemplate tag {{" + tag + "}} was left as written: its key does not hold a string",
                "fasttemplate replaces a tag only when params[tag] is a string; generator.input.parameters.* never is (generator"
                        + " is a nested map), so the tag stays verbatim",
                "reproduced",
                "applicationset/utils/utils.go Render.Replace; " + SPEC + " §CD4.2");
    }

    /** Where the reference controller knowingly approximates Argo CD, whatever the ApplicationSet. */
    static final List<CompatibilityNote> APPROXIMATIONS = List.of(
            new CompatibilityNote(
                    "GEN-APPROX-GOTEMPLATE",
                    "goTemplate is a subset of text/template",
                    "text/template with sprig and Argo's own functions",
                    "field chains, $, index, literals, comments and trim markers, exactly; anything else is refused as"
                            + " unsupported rather than guessed",
                    "applicationset/utils/utils.go Render.Replace"),
            new CompatibilityNote(
                    "GEN-APPROX-JSON-ERRORS",
                    "Go's JSON syntax error texts are reproduced exactly only for a bad first character",
                    "encoding/json scanner errors such as \"invalid character 'x' after object key\"",
                    "the same shape, the offending character from Jackson's position",
                    "dev.argoconformance.reference.protocol.GoJson"),
            new CompatibilityNote(
                    "GEN-APPROX-MAP-ORDER",
                    "where Go iterates a map, the reference controller uses a stable order",
                    "random order: merge output order, which of two conflicting keys a matrix reports first, which of a"
                            + " literal dotted key and a nested key wins in fasttemplate flattening",
                    "base order for merges, sorted keys elsewhere",
                    SPEC + " §CD4.1, §CD4.5, §CD4.7"),
            new CompatibilityNote(
                    "GEN-APPROX-API-SERVER",
                    "input.parameters and list elements are encoded as the API server would serve them",
                    "kubectl and the API server re-encode the user's YAML with encoding/json (keys sorted, <>& escaped,"
                            + " integers exact, floats as float64) and YAML 1.1 scalars (yes/no are booleans) [infer]",
                    "the same encoding from Jackson's YAML 1.2 reading of the ApplicationSet",
                    SPEC + " §CD1.1"),
            new CompatibilityNote(
                    "GEN-APPROX-ALIASING",
                    "parameter sets are copied, never shared",
                    "mergo merges in place, so nested maps can be shared between parameter sets of a matrix",
                    "deep copies; the merged values are the same",
                    "applicationset/generators/matrix.go, merge.go"),
            new CompatibilityNote(
                    "GEN-APPROX-TRANSPORT",
                    "transport errors carry Go's wording with the host as configured",
                    "Go names the resolved address (dial tcp 10.0.0.7:4355: connect: connection refused) and TLS errors in"
                            + " its own words",
                    "the same sentence with the configured host; TLS errors carry Java's reason",
                    "net/http, net"),
            new CompatibilityNote(
                    "GEN-APPROX-NOT-IMPLEMENTED",
                    "git, clusters, scmProvider, pullRequest, clusterDecisionResource generators, selectors, templatePatch"
                            + " and list elementsYaml are not evaluated",
                    "all are part of Argo CD",
                    "refused with UnsupportedSpecException; the requeue of git and the others is still computed",
                    "applicationset/generators"));
}
