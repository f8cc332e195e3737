package dev.argoconformance.reference.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.testing.PluginServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A generator plugin on 127.0.0.1 (a {@link PluginServer} replying from a queue) plus the ConfigMap and Secret that point Argo at it:
 * ConfigMap {@value #PLUGIN} in {@code argocd} with {@code token: $plugin.token}, and {@code argocd-secret} holding
 * {@link #TOKEN}. An unscripted call gets a 599, so no test waits for a reply nobody enqueued.
 */
final class FakeGeneratorPlugin implements AutoCloseable {

    static final String PLUGIN = "my-plugin";
    static final String NAMESPACE = "argocd";
    static final String TOKEN = "tok-3f9a7c1e2b5d";
    private final ConcurrentLinkedQueue<MockResponse> script = new ConcurrentLinkedQueue<>();
    final PluginServer server = new PluginServer(call -> {
        MockResponse next = script.poll();
        return next != null ? next : PluginServer.status(599, "unscripted call to the fake plugin");
    });
    final InMemoryConfigSource config = new InMemoryConfigSource();

    FakeGeneratorPlugin() {
        configMap(PLUGIN, Map.of("baseUrl", baseUrl(), "token", "$plugin.token"));
        config.withSecret(NAMESPACE, "argocd-secret", Map.of("plugin.token", TOKEN));
    }

    String baseUrl() {
        return server.uri().toString();
    }

    String url() {
        return baseUrl() + "/api/v1/getparams.execute";
    }

    FakeGeneratorPlugin configMap(String name, Map<String, String> data) {
        config.withConfigMap(NAMESPACE, name, data);
        return this;
    }

    /** The plugin ConfigMap with one more key (or a changed one). */
    FakeGeneratorPlugin configMapWith(String key, String value) {
        Map<String, String> data = new LinkedHashMap<>(Map.of("baseUrl", baseUrl(), "token", "$plugin.token"));
        data.put(key, value);
        return configMap(PLUGIN, data);
    }

    FakeGeneratorPlugin reply(int code, String body) {
        script.add(PluginServer.status(code, body));
        return this;
    }

    FakeGeneratorPlugin reply(MockResponse response) {
        script.add(response);
        return this;
    }

    /** The next request the plugin received; fails after {@link PluginServer#WAIT}. */
    RecordedRequest take() {
        return server.take();
    }

    ApplicationSetController controller() {
        return ApplicationSetController.builder(config).namespace(NAMESPACE).build();
    }

    Reconciliation reconcile(String yaml) {
        Reconciliation result = controller().reconcile(yaml);
        assertTokenNeverRecorded(result);
        return result;
    }

    /** Every exchange is evidence; none may carry the token. */
    static void assertTokenNeverRecorded(Reconciliation result) {
        for (RecordedCall call : result.calls()) {
            assertThat(call.transcript()).as("recorded exchange").doesNotContain(TOKEN);
            assertThat(String.valueOf(call.error())).doesNotContain(TOKEN);
            call.requestHeaders().stream()
                    .filter(h -> h.name().equalsIgnoreCase("Authorization"))
                    .forEach(h -> assertThat(h.value()).isEqualTo("Bearer *****"));
        }
    }

    /** An ApplicationSet with one plugin generator; {@code pluginExtra} is YAML under {@code plugin:} (indented 8). */
    static String appSet(boolean goTemplate, String pluginExtra, String templateName) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: myplugin
                  namespace: argocd
                spec:
                  goTemplate: %s
                  generators:
                    - plugin:
                        configMapRef:
                          name: %s
                %s
                  template:
                    metadata:
                      name: '%s'
                    spec:
                      project: default
                """.formatted(goTemplate, PLUGIN, pluginExtra.indent(8).stripTrailing(), templateName);
    }

    @Override
    public void close() {
        server.close();
    }
}
