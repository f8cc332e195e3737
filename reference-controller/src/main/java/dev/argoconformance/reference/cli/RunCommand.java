package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.client.PluginClient;
import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.reference.discovery.DirectoryPluginSource;
import dev.argoconformance.reference.discovery.DiscoveredPlugin;
import dev.argoconformance.reference.discovery.Discovery;
import dev.argoconformance.reference.discovery.PluginCatalogue;
import dev.argoconformance.reference.discovery.Rejected;
import dev.argoconformance.reference.executor.ExecutorPlugin;
import dev.argoconformance.reference.hooks.ControllerHooks;
import dev.argoconformance.reference.hooks.ControllerPluginCatalogue;
import dev.argoconformance.reference.hooks.ControllerPluginConfig;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.Parameter;
import dev.argoconformance.reference.workflow.NodeStatus;
import dev.argoconformance.reference.workflow.Workflow;
import dev.argoconformance.reference.workflow.WorkflowException;
import dev.argoconformance.reference.workflow.WorkflowPhase;
import dev.argoconformance.reference.workflow.WorkflowResult;
import dev.argoconformance.reference.workflow.WorkflowRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code argo-reference run}: discovers the plugins as the controller would for the workflow's namespace, gives
 * each its token and address, runs the workflow and prints every node change, one line each.
 *
 * <p>Unlike Argo, which generates a token per agent pod and writes it where the sidecar reads it, the runner calls
 * plugins the author started, so the author says which token each one reads ({@code --token}, {@code --token-file})
 * and where it listens ({@code --address}; Argo's {@code http://localhost:<port>} otherwise).
 *
 * <p>{@code --controller-plugins} adds controller plugins, as {@code ARGO_PLUGINS=true} does for the controller
 * (PR #7255, never released): the {@code ControllerPlugin} ConfigMaps of the install namespace, each called at its
 * {@code data.address} (or its {@code --address}) without a token.
 */
@Command(
        name = "run",
        sortOptions = false,
        description = {
            "Runs a workflow of plugin, steps and dag templates against executor plugins, as Argo would.",
            "Prints each node change (time, node, phase, message, outputs) and then the workflow's phase."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the workflow Succeeded",
            "1:the workflow Failed or Errored, or the timeout passed first",
            "2:bad input: an unreadable file, an invalid workflow, an unknown plugin, a bad flag",
            "3:stuck: a plugin left a node Pending or Running without a requeue; Argo would never call it again"
        })
final class RunCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "WORKFLOW", description = "The Workflow YAML (kind: Workflow).")
    private Path workflowFile;

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "Plugin ConfigMaps (*.yaml, as argo executor-plugin build writes them) and plugin folders"
                    + " (plugin.yaml and server.*, built as argo executor-plugin build would). Without it, no plugin"
                    + " is installed and every plugin template fails.")
    private Path pluginsDir;

    @Option(
            names = "--controller-plugins",
            paramLabel = "DIR",
            description = "Controller plugin ConfigMaps (label workflows.argoproj.io/configmap-type: ControllerPlugin,"
                    + " data.address), as ARGO_PLUGINS=true makes the controller load them: only those of the install"
                    + " namespace. A file or a directory; may be the --plugins directory.")
    private Path controllerPluginsDir;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            defaultValue = "argo",
            description = "The workflow's namespace when it names none (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(
            names = "--install-namespace",
            paramLabel = "NS",
            defaultValue = "argo",
            description =
                    "Argo's installation namespace, whose plugins every workflow gets (default: ${DEFAULT-VALUE}).")
    private String installNamespace;

    @Option(
            names = "--token",
            paramLabel = "NAME=VALUE",
            description = "The token plugin NAME reads from /var/run/argo/token; sent as Authorization: Bearer VALUE.")
    private List<String> tokens = new ArrayList<>();

    @Option(
            names = "--token-file",
            paramLabel = "NAME=PATH",
            description = "Like --token, read from a file; a trailing newline is dropped.")
    private List<String> tokenFiles = new ArrayList<>();

    @Option(
            names = "--address",
            paramLabel = "NAME=URL",
            description = "Where plugin NAME listens; Argo's address, localhost at the sidecar's first port, otherwise."
                    + " For a controller plugin, NAME is its ConfigMap's name and the default is its data.address.")
    private List<String> addresses = new ArrayList<>();

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "16",
            description = "The agent's task workers, ARGO_AGENT_TASK_WORKERS (default: ${DEFAULT-VALUE}).")
    private int workers;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = GoDurationConverter.class,
            description = "Give up after this long, a Go duration (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (workers < 1) {
            throw new BadInput("--workers must be at least 1, got " + workers + ".");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new BadInput("--timeout must be positive, got " + GoDuration.format(timeout) + ".");
        }
        Workflow workflow;
        try {
            workflow = Workflow.read(workflowFile, namespace);
        } catch (WorkflowException e) {
            throw new BadInput(e.getMessage());
        }
        Discovery discovery = discover(workflow.namespace());
        List<ControllerPluginConfig> controllerPlugins = discoverControllerPlugins();
        Map<String, String> tokenByPlugin = tokens(discovery);
        Map<String, URI> addressByPlugin = addresses(discovery, controllerPlugins);

        List<ExecutorPlugin> plugins = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (DiscoveredPlugin p : discovery.plugins()) {
            URI address = addressByPlugin.getOrDefault(p.name(), p.address());
            String token = tokenByPlugin.get(p.name());
            if (token == null) {
                out.println("note: no --token for plugin " + p.name()
                        + "; it gets \"Authorization: Bearer \" with an empty token.");
                token = "";
            }
            plugins.add(new ExecutorPlugin(
                    PluginClient.builder(p.name(), address, token).build()));
            described.add(p.name() + " at " + address);
        }
        out.println("Workflow " + workflow.name() + " in namespace " + workflow.namespace() + ", "
                + (plugins.isEmpty()
                        ? "no executor plugins: plugin templates fail as in Argo without plugins"
                                + (controllerPluginsDir == null
                                        ? "."
                                        : ", unless a controller plugin's node.preExecute completes them.")
                        : "executor plugins: " + String.join(", ", described) + "."));
        ControllerHooks hooks = ControllerHooks.NONE;
        if (controllerPluginsDir != null) {
            List<ControllerPluginConfig> addressed = controllerPlugins.stream()
                    .map(c -> new ControllerPluginConfig(
                            c.name(), c.namespace(), addressByPlugin.getOrDefault(c.name(), c.address()), c.version()))
                    .toList();
            hooks = ControllerHooks.discovered(call -> {});
            hooks.sync(addressed);
            out.println(
                    addressed.isEmpty()
                            ? "No controller plugins in namespace " + installNamespace + " under "
                                    + controllerPluginsDir + "."
                            : "Controller plugins (ARGO_PLUGINS=true), no token: "
                                    + addressed.stream()
                                            .map(c -> c.name() + " at " + c.address())
                                            .collect(Collectors.joining(", "))
                                    + ".");
        }

        List<String> secrets = new ArrayList<>(tokenByPlugin.values());
        WorkflowResult result = WorkflowRunner.builder()
                .plugins(plugins)
                .controllerHooks(hooks)
                .workers(workers)
                .deadline(timeout)
                .onNode(node -> out.println(redact(line(node), secrets)))
                .build()
                .run(workflow);

        String message = result.message().isEmpty() ? "" : ": " + result.message();
        if (!hooks.isEmpty()) {
            for (String map : List.of("labels", "annotations")) {
                if (result.metadata().path(map).size() > 0) {
                    out.println("Workflow " + map + ": " + result.metadata().path(map));
                }
            }
            for (CompatibilityNote n : result.notes()) {
                out.println("note: " + n.id() + ": " + n.summary());
            }
        }
        out.println(redact("Workflow " + result.workflowName() + " " + result.phase() + message, secrets));
        return switch (result.end()) {
            case STUCK -> ReferenceController.STUCK;
            case DEADLINE -> ReferenceController.FAILED;
            case FINISHED ->
                result.phase() == WorkflowPhase.SUCCEEDED ? ReferenceController.OK : ReferenceController.FAILED;
        };
    }

    private Discovery discover(String workflowNamespace) {
        PrintWriter out = spec.commandLine().getOut();
        if (pluginsDir == null) {
            return new Discovery(List.of(), List.of(), List.of());
        }
        PluginDirectory directory = PluginDirectory.open(pluginsDir, installNamespace);
        directory.warnings().forEach(w -> out.println("note: " + w));
        Discovery discovery = new PluginCatalogue(directory, installNamespace).forWorkflow(workflowNamespace);
        for (Rejected r : discovery.rejected()) {
            out.println(
                    "note: Argo would skip ConfigMap " + r.namespace() + "/" + r.configMapName() + ": " + r.reason());
        }
        for (CompatibilityNote n : discovery.notes()) {
            out.println("note: " + n.id() + ": " + n.summary());
        }
        return discovery;
    }

    /** ControllerPlugin ConfigMaps of the controller's (install) namespace; the ones Argo could not call are named. */
    private List<ControllerPluginConfig> discoverControllerPlugins() {
        if (controllerPluginsDir == null) {
            return List.of();
        }
        if (!Files.exists(controllerPluginsDir)) {
            throw new BadInput("--controller-plugins " + controllerPluginsDir + " does not exist.");
        }
        ControllerPluginCatalogue.Found found;
        try {
            found = new ControllerPluginCatalogue(
                            new DirectoryPluginSource(controllerPluginsDir, installNamespace), installNamespace)
                    .discover();
        } catch (java.io.UncheckedIOException e) {
            throw new BadInput(PluginDirectory.sentence(e.getMessage()));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Rejected r : found.rejected()) {
            out.println("note: controller plugin ConfigMap " + r.namespace() + "/" + r.configMapName()
                    + " is not loaded: " + r.reason() + ".");
        }
        return found.plugins();
    }

    private Map<String, String> tokens(Discovery discovery) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] pair : pairs("--token", tokens, discovery)) {
            put(out, "--token", pair[0], pair[1]);
        }
        for (String[] pair : pairs("--token-file", tokenFiles, discovery)) {
            put(out, "--token-file", pair[0], readToken(pair[0], Path.of(pair[1])));
        }
        return out;
    }

    private Map<String, URI> addresses(Discovery discovery, List<ControllerPluginConfig> controllerPlugins) {
        Map<String, URI> out = new LinkedHashMap<>();
        List<String> controllerNames =
                controllerPlugins.stream().map(ControllerPluginConfig::name).toList();
        for (String[] pair : pairs("--address", addresses, discovery, controllerNames)) {
            URI uri;
            try {
                uri = URI.create(pair[1]);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null
                    || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new BadInput(
                        "--address " + pair[0] + "=" + pair[1] + " is not an http:// or https:// URL with a host.");
            }
            put(out, "--address", pair[0], uri);
        }
        return out;
    }

    private List<String[]> pairs(String option, List<String> values, Discovery discovery) {
        return pairs(option, values, discovery, List.of());
    }

    /** NAME=VALUE pairs whose NAME is a plugin the workflow gets (an executor plugin, or also a controller plugin). */
    private List<String[]> pairs(
            String option, List<String> values, Discovery discovery, List<String> controllerNames) {
        List<String> known = new ArrayList<>(discovery.plugins().stream()
                .map(DiscoveredPlugin::name)
                .distinct()
                .toList());
        controllerNames.stream().filter(n -> !known.contains(n)).forEach(known::add);
        List<String[]> out = new ArrayList<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new BadInput(option + " takes NAME="
                        + (option.equals("--address") ? "URL" : option.equals("--token") ? "VALUE" : "PATH")
                        + ", got \"" + (option.equals("--token") ? Redaction.MASK : value) + "\".");
            }
            String name = value.substring(0, eq);
            if (!known.contains(name)) {
                throw new BadInput(option + " names plugin " + name + ", but "
                        + (known.isEmpty()
                                ? "the workflow gets no plugins"
                                        + (pluginsDir == null ? " (no --plugins given)" : " from " + pluginsDir)
                                : "the plugins the workflow gets are " + String.join(", ", known))
                        + ".");
            }
            out.add(new String[] {name, value.substring(eq + 1)});
        }
        return out;
    }

    private static <T> void put(Map<String, T> map, String option, String name, T value) {
        if (map.put(name, value) != null) {
            throw new BadInput(option + " gives plugin " + name + " a second "
                    + (option.equals("--address") ? "address" : "token") + "; give one.");
        }
    }

    private static String readToken(String plugin, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
        } catch (NoSuchFileException e) {
            throw new BadInput("--token-file " + plugin + "=" + file + ": there is no such file.");
        } catch (IOException e) {
            throw new BadInput("--token-file " + plugin + "=" + file + ": cannot read it (" + e.getMessage() + ").");
        }
    }

    /** {@code 10:15:02.355  hello-x7k2p  Succeeded  Hello template!  outputs: foo=bar} */
    static String line(NodeStatus node) {
        StringBuilder line = new StringBuilder()
                .append(TIME.format(node.at().atZone(ZoneId.systemDefault())))
                .append("  ")
                .append(node.name())
                .append("  ")
                .append(node.phase().isEmpty() ? "(no phase)" : node.phase());
        if (!node.message().isEmpty()) {
            line.append("  ").append(node.message());
        }
        List<Parameter> outputs = node.outputs().parameters();
        if (!outputs.isEmpty()) {
            line.append("  outputs: ")
                    .append(outputs.stream()
                            .map(p -> p.name() + "=" + (p.value() == null ? "" : p.value()))
                            .collect(Collectors.joining(", ")));
        }
        if (node.outputs().result() != null) {
            line.append(outputs.isEmpty() ? "  outputs: " : ", ")
                    .append("result=")
                    .append(node.outputs().result());
        }
        return line.toString();
    }

    private static String redact(String text, List<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            out = Redaction.redact(out, secret);
        }
        return out;
    }
}
