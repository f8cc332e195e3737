package dev.argoconformance.suite.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.certification.NotChecked;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The controller plugin's ControllerPlugin ConfigMap, read without calling the plugin (CTRL-DISC-01, CTRL-DISC-02):
 * its label and its address, as Argo's controller would discover it. {@link ControllerSteps} names the plugin from it.
 */
public final class ControllerConfigMapSteps {

    record ConfigMapFile(Path file, JsonNode configMap) {}

    private final World world;
    private ConfigMapFile configMap;

    public ControllerConfigMapSteps(World world) {
        this.world = world;
    }

    @Given("the plugin's ControllerPlugin ConfigMap")
    public void thePluginsConfigMap() {
        configMap = find(world.run().options())
                .orElseThrow(() -> NotChecked.notApplicable(
                        "Not applicable: no ControllerPlugin ConfigMap was" + " given; pass it with -D"
                                + RunOptions.MANIFEST + "=path/to/configmap.yaml to have it checked."));
        world.note("ConfigMap " + configMap.file());
    }

    // CTRL-DISC-01
    @Then("the ConfigMap is labelled workflows.argoproj.io\\/configmap-type: ControllerPlugin")
    public void theConfigMapIsLabelled() {
        String type = configMap
                .configMap()
                .path("metadata")
                .path("labels")
                .path("workflows.argoproj.io/configmap-type")
                .asText("");
        world.require(
                type.equals("ControllerPlugin"),
                "metadata.labels: {workflows.argoproj.io/configmap-type: ControllerPlugin}",
                () -> type.isEmpty()
                        ? "no workflows.argoproj.io/configmap-type label in " + configMap.file()
                        : "workflows.argoproj.io/configmap-type: " + type + " in " + configMap.file());
    }

    @Then("its data.address is an http URL with a host and a port")
    public void itsAddressIsHttp() {
        String address = configMap.configMap().path("data").path("address").asText("");
        URI uri = address(address);
        world.require(
                uri != null && uri.getPort() > 0,
                "data.address such as http://localhost:4355",
                () -> address.isEmpty() ? "no data.address in " + configMap.file() : "data.address: " + address);
    }

    // CTRL-DISC-02
    @Then("its data.address is http:\\/\\/localhost or http:\\/\\/127.0.0.1 with a port")
    public void itsAddressIsLocal() {
        String address = configMap.configMap().path("data").path("address").asText("");
        URI uri = address(address);
        if (uri == null) {
            throw NotChecked.blocked("CTRL-DISC-01", "data.address is not an http URL: " + address);
        }
        boolean local = List.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
        world.require(
                local,
                "http://localhost:<port>: the plugin a sidecar of the workflow controller, reached on the pod's loopback",
                () -> "data.address: " + address + ", which every client that reaches " + uri.getHost()
                        + " can call without a token");
    }

    private static URI address(String address) {
        try {
            URI uri = URI.create(address.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    ? uri
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** -Dplugin.manifest, else the first ConfigMap in a YAML file of the sample's folder (a ControllerPlugin one first). */
    static Optional<ConfigMapFile> find(RunOptions options) {
        List<Path> files = new ArrayList<>();
        options.manifest().ifPresent(files::add);
        if (files.isEmpty() && options.sample().isPresent()) {
            Path dir = options.samplesDir().resolve(options.sample().get());
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new HarnessException("Cannot read sample folder " + dir + ": " + e.getMessage(), e);
            }
        }
        ConfigMapFile any = null;
        for (Path file : files) {
            List<JsonNode> documents;
            try {
                documents = Json.yamlObjects(file);
            } catch (RuntimeException e) {
                if (options.manifest().isPresent()) {
                    throw new HarnessException(
                            "-D" + RunOptions.MANIFEST + " " + file + " is not YAML: " + e.getMessage(), e);
                }
                continue;
            }
            for (JsonNode document : documents) {
                if (!"ConfigMap".equals(document.path("kind").asText())) {
                    continue;
                }
                ConfigMapFile found = new ConfigMapFile(file, document);
                if ("ControllerPlugin"
                        .equals(document.path("metadata")
                                .path("labels")
                                .path("workflows.argoproj.io/configmap-type")
                                .asText())) {
                    return Optional.of(found);
                }
                any = any == null ? found : any;
            }
        }
        return Optional.ofNullable(any);
    }
}
