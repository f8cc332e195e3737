package dev.argoconformance.reference.bench;

import dev.argoconformance.reference.client.PluginClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Floors under the reference agent's figure, for reading the ratio: the same 16 threads, the
 * same plugins, the same request bytes and headers, N nodes × P plugins calls, but without the agent.
 * <ul>
 *   <li>{@code okhttp}: OkHttp alone, configured as {@link PluginClient} configures it (pool of 64 for
 *       5 minutes, 30 s call timeout, no silent retry); no JSON, no evidence, no agent.
 *   <li>{@code socket}: a plain blocking HTTP/1.1 client on {@link Socket}s, one keep-alive connection
 *       per thread and plugin, the request pre-built; the least a thread-per-call Java client can do.
 *   <li>{@code jdk}: {@link HttpClient}, HTTP/1.1 forced, synchronous {@code send}; no dependency at all.
 *   <li>{@code apache}: Apache HttpClient 5's classic (blocking) API on a pooling connection manager.
 * </ul>
 * None is a plugin client (no error handling worth the name); they only say how much of the
 * distance to wrk is the HTTP stack (and which stack) and how much is Java's threads.
 */
public final class ClientFloorBenchmark {

    private static final int THREADS = 16; // the agent's default workers

    public static void main(String[] args) throws Exception {
        String client = null;
        int nodes = 100_000;
        int warmup = -1;
        Path pluginsFile = null;
        Path tokenFile = null;
        Path requestFile = null;
        String serverPid = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--client" -> client = args[++i];
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--plugins-file" -> pluginsFile = Path.of(args[++i]);
                case "--token-file" -> tokenFile = Path.of(args[++i]);
                case "--request" -> requestFile = Path.of(args[++i]);
                case "--server-pid" -> serverPid = args[++i];
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; usage: ClientFloorBenchmark"
                                    + " --client okhttp|socket|jdk|apache --nodes N [--warmup N] --plugins-file FILE --token-file FILE --request FILE [--server-pid PID]");
            }
        }
        if (client == null || pluginsFile == null || tokenFile == null || requestFile == null) {
            throw new IllegalArgumentException("--client, --plugins-file, --token-file and --request are required");
        }
        List<URI> plugins = new ArrayList<>();
        for (String line : Files.readAllLines(pluginsFile)) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[0].equals("PLUGIN")) {
                plugins.add(URI.create(f[2] + "/api/v1/template.execute"));
            }
        }
        String token = Files.readString(tokenFile).strip();
        byte[] body = Files.readAllBytes(requestFile);
        Caller caller = switch (client) {
            case "okhttp" -> new OkHttpCaller(plugins, token, body);
            case "socket" -> new SocketCaller(plugins, token, body);
            case "jdk" -> new JdkCaller(plugins, token, body);
            case "apache" -> new ApacheCaller(plugins, token, body);
            default -> throw new IllegalArgumentException("--client is okhttp, socket, jdk or apache, not " + client);
        };

        run(caller, warmup < 0 ? 60_000 : warmup, plugins.size());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long server0 = serverPid == null ? 0 : ProcStat.total(ProcStat.processTicks(serverPid));
        long busy0 = ProcStat.machineBusyTicks();
        long self0 = ProcStat.total(ProcStat.processTicks("self"));
        long cpu0 = os.getProcessCpuTime();
        double seconds = run(caller, nodes, plugins.size());
        long cpu = os.getProcessCpuTime() - cpu0;
        long self = ProcStat.total(ProcStat.processTicks("self")) - self0;
        long busy = ProcStat.machineBusyTicks() - busy0;
        long server = serverPid == null ? 0 : ProcStat.total(ProcStat.processTicks(serverPid)) - server0;
        long calls = (long) nodes * plugins.size();
        double serverUs = server / ProcStat.TICKS_PER_SECOND * 1e6 / calls;
        double others = Math.max(0, (busy - self - server) / ProcStat.TICKS_PER_SECOND / seconds);
        System.out.printf(
                Locale.ROOT,
                "== floor '%s': %d calls, %d threads: %.2f s, %.0f calls/s; client CPU %.1f us/call,"
                        + " plugin server %.1f us/call; other processes %.2f cores ==%n",
                client,
                calls,
                THREADS,
                seconds,
                calls / seconds,
                cpu / 1e3 / calls,
                serverUs,
                others);
        System.out.printf(
                Locale.ROOT,
                "RESULT side=floor-%s calls=%d seconds=%.3f rps=%.1f cpu_us_per_call=%.1f server_us_per_call=%.1f others_cores=%.2f%n",
                client,
                calls,
                seconds,
                calls / seconds,
                cpu / 1e3 / calls,
                serverUs,
                others);
        System.exit(0); // OkHttp's pool threads would keep the JVM up for minutes
    }

    private static double run(Caller caller, int nodes, int plugins) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(
                    () -> {
                        Caller.PerThread mine = caller.perThread();
                        while (next.getAndIncrement() < nodes) {
                            for (int p = 0; p < plugins; p++) {
                                mine.call(p);
                            }
                        }
                    },
                    "floor-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private interface Caller {
        interface PerThread {
            void call(int plugin);
        }

        PerThread perThread();
    }

    private static final class OkHttpCaller implements Caller {
        private final OkHttpClient http;
        private final List<Request> requests = new ArrayList<>();

        OkHttpCaller(List<URI> plugins, String token, byte[] body) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(1024);
            dispatcher.setMaxRequestsPerHost(1024);
            http = new OkHttpClient.Builder()
                    .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                    .dispatcher(dispatcher)
                    .callTimeout(PluginClient.EXECUTOR_TIMEOUT)
                    .connectTimeout(Duration.ZERO)
                    .readTimeout(Duration.ZERO)
                    .writeTimeout(Duration.ZERO)
                    .retryOnConnectionFailure(false)
                    .build();
            for (URI plugin : plugins) {
                requests.add(new Request.Builder()
                        .url(plugin.toString())
                        .header("User-Agent", PluginClient.GO_USER_AGENT)
                        .header("Authorization", "Bearer " + token)
                        .post(RequestBody.create(body, MediaType.get("application/json")))
                        .build());
            }
        }

        @Override
        public PerThread perThread() {
            return plugin -> {
                try (Response response = http.newCall(requests.get(plugin)).execute()) {
                    if (response.code() != 200) {
                        throw new IllegalStateException("plugin " + plugin + " answered " + response.code());
                    }
                    response.body().bytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
    }

    /**
     * The JDK's own client. Its {@code send} blocks the calling thread, but the exchange itself runs
     * on the client's selector thread and executor, so each call hands off between threads.
     */
    private static final class JdkCaller implements Caller {
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // else it would try h2c upgrade headers on the first request
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final List<HttpRequest> requests = new ArrayList<>();

        JdkCaller(List<URI> plugins, String token, byte[] body) {
            for (URI plugin : plugins) {
                // Immutable, so one per plugin serves every thread, as OkHttp's Request does.
                requests.add(HttpRequest.newBuilder(plugin)
                        .timeout(PluginClient.EXECUTOR_TIMEOUT) // the JDK's only per-request deadline
                        .header("User-Agent", PluginClient.GO_USER_AGENT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build());
            }
        }

        @Override
        public PerThread perThread() {
            return plugin -> {
                try {
                    HttpResponse<byte[]> response =
                            http.send(requests.get(plugin), HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("plugin " + plugin + " answered " + response.statusCode());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
        }
    }

    /**
     * Apache HttpClient 5, classic API: the calling thread does the I/O itself, like OkHttp's
     * {@code execute} and the socket floor. It has no whole-call deadline; the 30 s is a response
     * (socket read) timeout.
     */
    private static final class ApacheCaller implements Caller {
        private final List<URI> plugins;
        private final CloseableHttpClient http;
        private final ByteArrayEntity entity;
        private final String bearer;

        ApacheCaller(List<URI> plugins, String token, byte[] body) {
            this.plugins = plugins;
            http = HttpClients.custom()
                    // The default pool allows 5 connections per route: 16 threads need 16.
                    .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                            .setMaxConnPerRoute(THREADS)
                            .setMaxConnTotal(THREADS * plugins.size())
                            .build())
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.of(PluginClient.EXECUTOR_TIMEOUT))
                            .build())
                    .disableAutomaticRetries() // as PluginClient: no silent retry
                    .disableRedirectHandling()
                    .disableContentCompression() // else every request carries Accept-Encoding
                    .build();
            // ContentType.APPLICATION_JSON would add "; charset=UTF-8"; the agent sends the bare type.
            entity = new ByteArrayEntity(body, ContentType.create("application/json"));
            bearer = "Bearer " + token;
        }

        @Override
        public PerThread perThread() {
            return plugin -> {
                // A request per call: HttpPost is mutable; the client stores each call's cancel hook in it.
                HttpPost post = new HttpPost(plugins.get(plugin));
                post.setHeader("User-Agent", PluginClient.GO_USER_AGENT);
                post.setHeader("Authorization", bearer);
                post.setEntity(entity);
                try {
                    // The handler form reads the body and hands the connection back to the pool.
                    http.execute(post, response -> {
                        if (response.getCode() != 200) {
                            throw new IllegalStateException("plugin " + plugin + " answered " + response.getCode());
                        }
                        return EntityUtils.toByteArray(response.getEntity());
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
    }

    private static final class SocketCaller implements Caller {
        private final List<URI> plugins;
        private final List<byte[]> requests = new ArrayList<>();

        SocketCaller(List<URI> plugins, String token, byte[] body) {
            this.plugins = plugins;
            for (URI plugin : plugins) {
                byte[] head = ("POST " + plugin.getPath() + " HTTP/1.1\r\n"
                                + "Host: " + plugin.getHost() + ":" + plugin.getPort() + "\r\n"
                                + "User-Agent: " + PluginClient.GO_USER_AGENT + "\r\n"
                                + "Content-Type: application/json\r\n"
                                + "Authorization: Bearer " + token + "\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                byte[] request = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, request, head.length, body.length);
                requests.add(request);
            }
        }

        @Override
        public PerThread perThread() {
            Socket[] sockets = new Socket[plugins.size()];
            InputStream[] in = new InputStream[plugins.size()];
            OutputStream[] out = new OutputStream[plugins.size()];
            byte[] line = new byte[1024];
            try {
                for (int p = 0; p < sockets.length; p++) {
                    sockets[p] =
                            new Socket(plugins.get(p).getHost(), plugins.get(p).getPort());
                    sockets[p].setTcpNoDelay(true);
                    in[p] = new BufferedInputStream(sockets[p].getInputStream());
                    out[p] = sockets[p].getOutputStream();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return plugin -> {
                try {
                    out[plugin].write(requests.get(plugin));
                    int contentLength = -1;
                    boolean ok = false;
                    for (int n; (n = readLine(in[plugin], line)) > 0; ) {
                        String header = new String(line, 0, n, StandardCharsets.US_ASCII);
                        if (header.startsWith("HTTP/")) {
                            ok = header.startsWith(" 200", 8);
                        } else if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            contentLength =
                                    Integer.parseInt(header.substring(15).trim());
                        }
                    }
                    if (!ok || contentLength < 0) {
                        throw new IllegalStateException(
                                "plugin " + plugin + " did not answer 200 with a Content-Length");
                    }
                    in[plugin].readNBytes(contentLength);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }

        /** One header line without its CRLF; 0 for the blank line that ends the head. */
        private static int readLine(InputStream in, byte[] line) throws IOException {
            int n = 0;
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("the plugin closed the connection");
                }
                if (c != '\r' && n < line.length) {
                    line[n++] = (byte) c;
                }
            }
            return n;
        }
    }
}
