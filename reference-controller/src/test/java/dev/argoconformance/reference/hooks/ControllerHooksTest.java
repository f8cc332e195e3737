package dev.argoconformance.reference.hooks;

import static dev.argoconformance.reference.testing.FakeControllerPlugin.json;
import static dev.argoconformance.reference.testing.FakeControllerPlugin.slow;
import static dev.argoconformance.reference.testing.FakeControllerPlugin.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.reference.protocol.NodeResult;
import dev.argoconformance.reference.testing.FakeControllerPlugin;
import dev.argoconformance.reference.testing.PluginServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The controller plugins' calling side against real HTTP servers on 127.0.0.1: what each method sends, how replies
 * decode and merge, and how failures are classified (a 503 transient, a 1 s timeout and any other status not).
 */
class ControllerHooksTest {

    static final ObjectNode METADATA = (ObjectNode) Json.read("""
            {"name":"hello-x7k2p","generateName":"hello-","namespace":"argo","uid":"9a1f0c3e-1111-2222-3333-444455556666",\
            "creationTimestamp":"2026-12-01T10:15:00Z","labels":{"workflows.argoproj.io/phase":"Running"}}""");
    static final ObjectNode TEMPLATE = (ObjectNode) Json.read("{\"name\":\"main\",\"plugin\":{\"hello\":{}}}");
    static final ObjectNode NODE = (ObjectNode)
            Json.read("{\"id\":\"hello-x7k2p\",\"name\":\"hello-x7k2p\",\"type\":\"Plugin\",\"phase\":\"Pending\"}");

    private final List<FakeControllerPlugin> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(FakeControllerPlugin::close);
    }

    private FakeControllerPlugin server() throws IOException {
        FakeControllerPlugin server = new FakeControllerPlugin();
        servers.add(server);
        return server;
    }

    private static ControllerPlugin plugin(String name, FakeControllerPlugin server) {
        return ControllerPlugin.connect(name, server.uri(), call -> {});
    }

    private static ControllerHooks hooks(ControllerPlugin... plugins) {
        return ControllerHooks.of(List.of(plugins));
    }

    // ---- what is sent ---------------------------------------------------------------------------------------------

    @Test
    void preOperatePostsTheWorkflowsMetadataWithoutAuthorizationOrContentType() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_OPERATE, json("{}"));

        assertThat(hooks(plugin("hello-controller-plugin", server)).preOperate(METADATA))
                .isEmpty();

        PluginServer.Call call = server.calls().get(0);
        assertThat(call.path()).isEqualTo("/api/v1/workflow.preOperate");
        assertThat(call.headers().get("Authorization"))
                .as("a controller plugin gets no token")
                .isNull();
        assertThat(call.headers().get("Content-Type"))
                .as("Argo's controller sets no Content-Type")
                .isNull();
        assertThat(call.headers().get("User-Agent")).isEqualTo("Go-http-client/1.1");
        assertThat(call.json()).isEqualTo(Json.read("{\"workflow\":{\"metadata\":" + METADATA + "}}"));
    }

    @Test
    void everyMethodGoesToItsOwnPathWithItsOwnBody() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.POST_OPERATE, json("{}"))
                .on(ControllerPlugin.PRE_EXECUTE, json("{}"))
                .on(ControllerPlugin.POST_EXECUTE, json("{}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{}"));
        ControllerHooks hooks = hooks(plugin("p", server));
        ObjectNode after = METADATA.deepCopy();
        after.withObjectProperty("labels").put("workflows.argoproj.io/phase", "Succeeded");
        ObjectNode done = NODE.deepCopy().put("phase", "Succeeded");

        hooks.postOperate(METADATA, after);
        hooks.preExecute(METADATA, TEMPLATE, NODE);
        hooks.postExecute(METADATA, TEMPLATE, NODE, done);
        hooks.addParameters(METADATA);

        assertThat(server.calls())
                .extracting(PluginServer.Call::path)
                .containsExactly(
                        "/api/v1/workflow.postOperate",
                        "/api/v1/node.preExecute",
                        "/api/v1/node.postExecute",
                        "/api/v1/parameters.add");
        assertThat(server.calls()).allSatisfy(c -> {
            assertThat(c.headers().get("Authorization")).isNull();
            assertThat(c.headers().get("Content-Type")).isNull();
        });
        String workflow = "{\"metadata\":" + METADATA + "}";
        String template = "{\"name\":\"main\",\"inputs\":{},\"outputs\":{},\"metadata\":{},\"plugin\":{\"hello\":{}}}";
        assertThat(server.calls(ControllerPlugin.POST_OPERATE).get(0).json())
                .isEqualTo(Json.read("{\"old\":" + workflow + ",\"new\":{\"metadata\":" + after + "}}"));
        assertThat(server.calls(ControllerPlugin.PRE_EXECUTE).get(0).json())
                .isEqualTo(Json.read(
                        "{\"workflow\":" + workflow + ",\"template\":" + template + ",\"node\":" + NODE + "}"));
        assertThat(server.calls(ControllerPlugin.POST_EXECUTE).get(0).json())
                .isEqualTo(Json.read("{\"workflow\":" + workflow + ",\"template\":" + template + ",\"old\":" + NODE
                        + ",\"new\":" + done + "}"));
        assertThat(server.calls(ControllerPlugin.ADD_PARAMETERS).get(0).body())
                .as("parameters.add declares a template but the call site never sets it")
                .isEqualTo("{\"workflow\":" + Json.write(Json.read(workflow)) + ",\"template\":null}");
    }

    @Test
    void recordsEachCallAsEvidenceWithOnlyTheHeadersSent() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_OPERATE, json("{}"));
        List<RecordedCall> recorded = new CopyOnWriteArrayList<>();
        ControllerHooks hooks = hooks(ControllerPlugin.connect("p", server.uri(), recorded::add));

        hooks.preOperate(METADATA);

        assertThat(recorded).singleElement().satisfies(call -> {
            assertThat(call.url()).isEqualTo(server.uri() + "/api/v1/workflow.preOperate");
            assertThat(call.requestHeaders())
                    .extracting(RecordedCall.Header::name)
                    .containsExactly("User-Agent");
            assertThat(call.status()).isEqualTo(200);
        });
    }

    // ---- what comes back ------------------------------------------------------------------------------------------

    @Test
    void decodesEachMethodsReply() throws Exception {
        FakeControllerPlugin server = server().on(
                        ControllerPlugin.PRE_OPERATE,
                        json("{\"workflow\":{\"metadata\":{\"annotations\":{\"hello\":\"good morning\"},"
                                + "\"unknownField\":1},\"spec\":{\"entrypoint\":\"other\"}}}"))
                .on(
                        ControllerPlugin.PRE_EXECUTE,
                        json("{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello workflow!\"}}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"hello\":\"good morning\"}}"));
        ControllerHooks hooks = hooks(plugin("hello", server));

        assertThat(hooks.preOperate(METADATA))
                .as("only ObjectMeta survives Go's decoder: spec and unknown fields are dropped")
                .contains((ObjectNode) Json.read("{\"annotations\":{\"hello\":\"good morning\"}}"));
        assertThat(hooks.preExecute(METADATA, TEMPLATE, NODE)).hasValueSatisfying(node -> {
            assertThat(node.phase()).isEqualTo("Succeeded");
            assertThat(node.message()).isEqualTo("Hello workflow!");
        });
        assertThat(hooks.addParameters(METADATA)).containsExactly(Map.entry("hello", "good morning"));
    }

    @Test
    void emptyObjectsAndNullsCarryNothing() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_OPERATE, json("null"))
                .on(ControllerPlugin.PRE_EXECUTE, json("{\"node\":null}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{}"));
        ControllerHooks hooks = hooks(plugin("p", server));

        assertThat(hooks.preOperate(METADATA)).isEmpty();
        assertThat(hooks.preExecute(METADATA, TEMPLATE, NODE)).isEmpty();
        assertThat(hooks.addParameters(METADATA)).isEmpty();
    }

    @Test
    void anEmptyTwoHundredIsGosEof() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.POST_OPERATE, json(""));

        HookFailure failure = catchThrowableOfType(
                HookFailure.class, () -> hooks(plugin("p", server)).postOperate(METADATA, METADATA));

        assertThat(failure).hasMessage("EOF");
        assertThat(failure.isTransient()).isFalse();
    }

    @Test
    void aReplyOfTheWrongShapeFailsWithGosMessage() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"n\":1}}"))
                .on(ControllerPlugin.PRE_OPERATE, json("[]"))
                .on(ControllerPlugin.PRE_EXECUTE, json("{\"node\":{\"phase\":3}}"));
        ControllerHooks hooks = hooks(plugin("p", server));

        assertThatThrownBy(() -> hooks.addParameters(METADATA))
                .isInstanceOf(HookFailure.class)
                .hasMessage(
                        "json: cannot unmarshal number into Go struct field ParameterPreSubstitutionReply.parameters of type string");
        assertThatThrownBy(() -> hooks.preOperate(METADATA))
                .isInstanceOf(HookFailure.class)
                .hasMessage("json: cannot unmarshal array into Go value of type controller.WorkflowPreOperateReply");
        assertThatThrownBy(() -> hooks.preExecute(METADATA, TEMPLATE, NODE))
                .isInstanceOf(HookFailure.class)
                .hasMessage(
                        "json: cannot unmarshal number into Go struct field NodeResult.node.phase of type v1alpha1.NodePhase");
    }

    // ---- status policy --------------------------------------------------------------------------------------------

    @Test
    void neverCallsAMethodAgainAfterA404() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_EXECUTE, json("{}"));
        ControllerPlugin plugin = plugin("p", server);
        ControllerHooks hooks = hooks(plugin);

        hooks.preOperate(METADATA);
        hooks.preOperate(METADATA);
        hooks.preExecute(METADATA, TEMPLATE, NODE);
        hooks.preExecute(METADATA, TEMPLATE, NODE);

        assertThat(server.count(ControllerPlugin.PRE_OPERATE))
                .as("404 once, then never again")
                .isEqualTo(1);
        assertThat(server.count(ControllerPlugin.PRE_EXECUTE))
                .as("other methods are still called")
                .isEqualTo(2);
        assertThat(plugin.isUnsupported(ControllerPlugin.PRE_OPERATE)).isTrue();
    }

    @Test
    void remembersA404ForAsLongAsTheConfigMapIsUnchanged() throws Exception {
        FakeControllerPlugin server = server();
        ControllerHooks hooks = ControllerHooks.discovered(call -> {});
        ControllerPluginConfig v1 = new ControllerPluginConfig("hello-controller-plugin", "argo", server.uri(), "1");

        hooks.sync(List.of(v1));
        hooks.preOperate(METADATA);
        hooks.sync(List.of(v1)); // another workflow, the same ConfigMap
        hooks.preOperate(METADATA);
        assertThat(server.count(ControllerPlugin.PRE_OPERATE)).isEqualTo(1);

        hooks.sync(List.of(new ControllerPluginConfig("hello-controller-plugin", "argo", server.uri(), "2")));
        hooks.preOperate(METADATA);
        assertThat(server.count(ControllerPlugin.PRE_OPERATE))
                .as("an updated ConfigMap is a new client")
                .isEqualTo(2);

        hooks.sync(List.of());
        hooks.preOperate(METADATA);
        assertThat(server.count(ControllerPlugin.PRE_OPERATE))
                .as("a removed ConfigMap is not called")
                .isEqualTo(2);
    }

    @Test
    void a503IsTransientAndCalledOnce() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_OPERATE, status(503, "busy"));

        HookFailure failure = catchThrowableOfType(
                HookFailure.class, () -> hooks(plugin("p", server)).preOperate(METADATA));

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure).hasMessage("busy");
        assertThat(failure.plugin()).isEqualTo("p");
        assertThat(failure.method()).isEqualTo(ControllerPlugin.PRE_OPERATE);
        assertThat(server.count(ControllerPlugin.PRE_OPERATE))
                .as("wait.Backoff{Steps: 1}: no retry")
                .isEqualTo(1);
    }

    @Test
    void anyOtherStatusIsStatusColonBody() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_OPERATE, status(500, "boom"))
                .on(ControllerPlugin.PRE_EXECUTE, status(403, ""))
                .on(ControllerPlugin.POST_EXECUTE, status(502, "dial tcp 10.0.0.1:80: read: connection reset by peer"));
        ControllerHooks hooks = hooks(plugin("p", server));

        HookFailure five = catchThrowableOfType(HookFailure.class, () -> hooks.preOperate(METADATA));
        HookFailure four = catchThrowableOfType(HookFailure.class, () -> hooks.preExecute(METADATA, TEMPLATE, NODE));
        HookFailure proxied =
                catchThrowableOfType(HookFailure.class, () -> hooks.postExecute(METADATA, TEMPLATE, NODE, NODE));

        assertThat(five).hasMessage("500 Server Error: boom");
        assertThat(five.isTransient()).isFalse();
        assertThat(four).hasMessage("403 Client Error: ");
        assertThat(four.isTransient()).isFalse();
        assertThat(proxied.isTransient())
                .as("IsTransientErr matches its network patterns in any error's text")
                .isTrue();
    }

    @Test
    void aReplySlowerThanOneSecondIsAnErrorAfterOneSecond() throws Exception {
        FakeControllerPlugin server = server().on(ControllerPlugin.PRE_EXECUTE, slow(Duration.ofMillis(2500), "{}"));

        long start = System.nanoTime();
        HookFailure failure = catchThrowableOfType(
                HookFailure.class, () -> hooks(plugin("p", server)).preExecute(METADATA, TEMPLATE, NODE));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure)
                .hasMessage("Post \"" + server.uri() + "/api/v1/node.preExecute\": context deadline exceeded"
                        + " (Client.Timeout exceeded while awaiting headers)");
        assertThat(failure.isTransient())
                .as("a timeout is a *url.Error, not transient in 2021's IsTransientErr")
                .isFalse();
        assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(2000));
        assertThat(server.count(ControllerPlugin.PRE_EXECUTE)).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsNotTransient() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ControllerHooks hooks =
                hooks(ControllerPlugin.connect("gone", URI.create("http://127.0.0.1:" + port), call -> {}));

        HookFailure failure = catchThrowableOfType(HookFailure.class, () -> hooks.preOperate(METADATA));

        assertThat(failure)
                .hasMessage("Post \"http://127.0.0.1:" + port + "/api/v1/workflow.preOperate\": dial tcp 127.0.0.1:"
                        + port + ": connect: connection refused");
        assertThat(failure.isTransient()).isFalse();
    }

    // ---- several plugins ------------------------------------------------------------------------------------------

    @Test
    void laterPluginsWinWhenRepliesOverlap() throws Exception {
        FakeControllerPlugin first = server().on(
                        ControllerPlugin.PRE_OPERATE,
                        json("{\"workflow\":{\"metadata\":{\"annotations\":{\"a\":\"1\",\"shared\":\"first\"}}}}"))
                .on(ControllerPlugin.PRE_EXECUTE, json("{\"node\":{\"phase\":\"Running\",\"message\":\"first\"}}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"a\":\"1\",\"shared\":\"first\"}}"));
        FakeControllerPlugin second = server().on(
                        ControllerPlugin.PRE_OPERATE,
                        json("{\"workflow\":{\"metadata\":{\"annotations\":{\"b\":\"2\",\"shared\":\"second\"},"
                                + "\"labels\":{\"team\":\"x\"}}}}"))
                .on(ControllerPlugin.PRE_EXECUTE, json("{\"node\":{\"message\":\"second\"}}"))
                .on(ControllerPlugin.ADD_PARAMETERS, json("{\"parameters\":{\"b\":\"2\",\"shared\":\"second\"}}"));
        ControllerHooks hooks = hooks(plugin("first", first), plugin("second", second));

        assertThat(hooks.preOperate(METADATA)).contains((ObjectNode) Json.read(
                "{\"annotations\":{\"a\":\"1\",\"shared\":\"second\",\"b\":\"2\"},\"labels\":{\"team\":\"x\"}}"));
        assertThat(hooks.preExecute(METADATA, TEMPLATE, NODE)).contains(new NodeResult("Running", "second", null, ""));
        assertThat(hooks.addParameters(METADATA)).isEqualTo(Map.of("a", "1", "b", "2", "shared", "second"));
        assertThat(first.calls()).hasSize(3);
        assertThat(second.calls()).hasSize(3);
        assertThat(first.calls(ControllerPlugin.PRE_OPERATE).get(0).body())
                .as("every plugin gets the same request, built once")
                .isEqualTo(second.calls(ControllerPlugin.PRE_OPERATE).get(0).body());
    }

    @Test
    void stopsAtTheFirstFailureExceptInPostOperate() throws Exception {
        FakeControllerPlugin broken = server().on(ControllerPlugin.PRE_OPERATE, status(500, "first"))
                .on(ControllerPlugin.POST_OPERATE, status(500, "first"));
        FakeControllerPlugin busy = server().on(ControllerPlugin.POST_OPERATE, status(503, "later"));
        FakeControllerPlugin fine =
                server().on(ControllerPlugin.PRE_OPERATE, json("{}")).on(ControllerPlugin.POST_OPERATE, json("{}"));
        ControllerHooks hooks = hooks(plugin("broken", broken), plugin("busy", busy), plugin("fine", fine));

        assertThatThrownBy(() -> hooks.preOperate(METADATA)).hasMessage("500 Server Error: first");
        assertThat(fine.count(ControllerPlugin.PRE_OPERATE))
                .as("preOperate returns at the first error")
                .isZero();

        assertThatThrownBy(() -> hooks.postOperate(METADATA, METADATA)).hasMessage("500 Server Error: first");
        assertThat(fine.count(ControllerPlugin.POST_OPERATE))
                .as("postOperate's loop goes on after an error")
                .isEqualTo(1);
        assertThat(hooks.notes())
                .extracting(CompatibilityNote::id)
                .contains("CTRL-TRANSIENT-01", "CTRL-PATH-01", "CTRL-HEADERS-01");
    }

    // ---- protected fields -----------------------------------------------------------------------------------------

    @Test
    void namesEveryProtectedFieldAPatchChanges() {
        ObjectNode patch = (ObjectNode) Json.read("""
                {"name":"other","uid":"9a1f0c3e-1111-2222-3333-444455556666","annotations":{"hello":"x"},\
                "labels":{"workflows.argoproj.io/completed":"true","team":"a"}}""");

        assertThat(ProtectedFields.violations(METADATA, patch))
                .containsExactly(
                        "metadata.name: \"hello-x7k2p\" → \"other\"",
                        "metadata.labels.workflows.argoproj.io/completed: (unset) → \"true\"");
        assertThat(ProtectedFields.violations(
                        METADATA, (ObjectNode) Json.read("{\"annotations\":{\"hello\":\"good morning\"}}")))
                .isEmpty();
    }
}
