package dev.argoconformance.reference.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** plugin.yaml: strict parsing as {@code sigs.k8s.io/yaml.UnmarshalStrict} does it, and Argo's {@code Sidecar.Validate}. */
class PluginManifestTest {

    private static final String ARGO = " (Argo: error unmarshaling JSON: while decoding JSON: ";

    @Test
    void parsesTheV33FormFromTheDocs() throws Exception {
        PluginManifest manifest = PluginManifest.parse(seed("v3.3-form-plugin.yaml"));

        assertThat(manifest.apiVersion()).isEqualTo("argoproj.io/v1alpha1");
        assertThat(manifest.kind()).isEqualTo("ExecutorPlugin");
        assertThat(manifest.name()).isEqualTo("hello");
        assertThat(manifest.namespace()).isEmpty();
        assertThat(manifest.port()).hasValue(4355);
        assertThat(manifest.automountServiceAccountToken()).isFalse();
        Container container = manifest.container();
        assertThat(container.getImage()).isEqualTo("python:alpine3.6");
        assertThat(container.getCommand()).containsExactly("python", "-u", "-c");
        assertThat(container.getResources().getRequests()).containsEntry("memory", new Quantity("64Mi"));
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("500m"));
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
        manifest.validate();
    }

    @Test
    void rejectsThePreV33FormAndSaysWhereTheContainerGoesNow() throws Exception {
        Path oldForm = seed("pre-v3.3-form-plugin.yaml");

        assertThatThrownBy(() -> PluginManifest.parse(oldForm))
                .isInstanceOf(ManifestException.class)
                .hasMessage(
                        oldForm + " line 7: unknown field \"spec.container\"; since Argo v3.3 the container goes under"
                                + " spec.sidecar.container" + ARGO + "json: unknown field \"container\")");
    }

    @Test
    void rejectsAnUnknownFieldInsideTheContainerNamingItsPath() {
        String yaml = """
                metadata: {name: typo}
                spec:
                  sidecar:
                    container:
                      imagee: python:alpine
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage(
                        "plugin.yaml line 5: unknown field \"spec.sidecar.container.imagee\"; did you mean \"image\"?"
                                + ARGO + "json: unknown field \"imagee\")");
    }

    @Test
    void rejectsAnUnknownFieldDeepInsideAListWithTheIndex() {
        // targetPort belongs to Services; hostport would pass, encoding/json matching names in any case.
        String yaml = """
                spec:
                  sidecar:
                    container:
                      ports:
                        - containerPort: 1
                        - containerPort: 2
                          targetPort: 8080
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .hasMessageStartingWith(
                        "plugin.yaml line 7: unknown field \"spec.sidecar.container.ports[1].targetPort\"")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void reportsTheFirstUnknownFieldInGosSortedKeyOrder() {
        // The YAML becomes a JSON object with sorted keys before Go decodes it, so "aaa" is met first.
        String yaml = "zzz: 1\naaa: 2\n";

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .hasMessage("plugin.yaml line 2: unknown field \"aaa\"" + ARGO + "json: unknown field \"aaa\")");
    }

    @Test
    void rejectsAValueOfTheWrongTypeWithGosTypeError() {
        String yaml = """
                spec:
                  sidecar:
                    container:
                      ports: [{containerPort: "4355"}]
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .hasMessage(
                        "plugin.yaml line 4: spec.sidecar.container.ports[0].containerPort is a string, but Argo expects int32"
                                + ARGO + "json: cannot unmarshal string into Go struct field"
                                + " ContainerPort.spec.sidecar.container.ports.containerPort of type int32)");
    }

    @Test
    void rejectsAQuantityKubernetesCannotRead() {
        String yaml = """
                spec:
                  sidecar:
                    container:
                      resources:
                        limits: {cpu: lots}
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .hasMessage(
                        "plugin.yaml line 5: spec.sidecar.container.resources.limits.cpu is not a Kubernetes quantity: \"lots\""
                                + ARGO + GoQuantity.ERR_FORMAT_WRONG + ")");
    }

    @Test
    void rejectsDuplicateKeysAsGoYamlStrictModeDoes() {
        String yaml = """
                metadata:
                  name: one
                  name: two
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "plugin.yaml"))
                .hasMessage(
                        "plugin.yaml line 3: key \"name\" already set in map (Argo refuses duplicate keys: yaml: unmarshal errors)");
    }

    @Test
    void reportsMalformedYamlInOneSentenceWithTheFileAndLine() {
        String yaml = """
                metadata:
                  name: hello
                 spec: oops
                """;

        assertThatThrownBy(() -> PluginManifest.parse(yaml, "hello/plugin.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("hello/plugin.yaml line 3: not valid YAML: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void readsYaml11WordsAndNumbersTheWayGoYamlDoes() throws Exception {
        // go-yaml v2 is YAML 1.1: "yes" is a boolean; a number where Go wants a string becomes its text.
        String yaml = """
                metadata: {name: 1.10}
                spec:
                  sidecar:
                    container:
                      image: 12
                      securityContext: {runAsNonRoot: yes}
                """;

        PluginManifest manifest = PluginManifest.parse(yaml, "plugin.yaml");

        assertThat(manifest.name()).isEqualTo("1.1");
        assertThat(manifest.container().getImage()).isEqualTo("12");
        assertThat(manifest.container().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void matchesFieldNamesCaseInsensitivelyAsEncodingJsonDoes() throws Exception {
        PluginManifest manifest = PluginManifest.parse("spec: {sidecar: {container: {Image: python}}}", "plugin.yaml");

        assertThat(manifest.container().getImage()).isEqualTo("python");
    }

    @Test
    void aMissingPortLeavesThePortEmpty() throws Exception {
        assertThat(PluginManifest.parse("metadata: {name: x}", "plugin.yaml").port())
                .isEmpty();
    }

    @Test
    void withArgsLeavesTheOriginalAlone() throws Exception {
        PluginManifest original = PluginManifest.parse("spec: {sidecar: {container: {args: [a]}}}", "plugin.yaml");

        PluginManifest changed = original.withArgs(List.of("print('hi')"));

        assertThat(changed.container().getArgs()).containsExactly("print('hi')");
        assertThat(original.container().getArgs()).containsExactly("a");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty manifest                     | ''                                                                                          | sidecar is invalid: at least one port is mandatory
            no ports                              | spec: {sidecar: {container: {ports: []}}}                                                   | sidecar is invalid: at least one port is mandatory
            ports but no requests                 | spec: {sidecar: {container: {ports: [{}]}}}                                                 | sidecar is invalid: resources requests are mandatory
            requests set to null                  | spec: {sidecar: {container: {ports: [{}], resources: {requests: null}}}}                    | sidecar is invalid: resources requests are mandatory
            requests but no limits                | spec: {sidecar: {container: {ports: [{}], resources: {requests: {cpu: 1}}}}}                | sidecar is invalid: resources limits are mandatory
            requests and limits, no securityContext | spec: {sidecar: {container: {ports: [{}], resources: {requests: {cpu: 1}, limits: {cpu: 1}}}}} | sidecar is invalid: security context is mandatory
            """)
    void validatesInArgosOrderWithArgosMessages(String why, String yaml, String message) throws Exception {
        PluginManifest manifest = PluginManifest.parse(yaml, "plugin.yaml");

        assertThatThrownBy(manifest::validate)
                .isInstanceOf(ManifestException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsEmptyRequestsLimitsAndSecurityContextBecauseArgoOnlyChecksPresence() throws Exception {
        PluginManifest manifest = PluginManifest.parse(
                "spec: {sidecar: {container: {ports: [{}], resources: {requests: {}, limits: {}}, securityContext: {}}}}",
                "plugin.yaml");

        manifest.validate();
        assertThat(manifest.port()).as("Go's zero port passes too").hasValue(0);
    }

    private static Path seed(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(PluginManifestTest.class.getResource("/manifest/seeds/" + name))
                .toURI());
    }
}
