package dev.argoconformance.reference.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's plugin sidecars: {@code P} executor plugins on {@code P} loopback ports of one JVM,
 * run as its own process so that it shares no heap and no JIT with the agent under test.
 *
 * <p>Plugin {@code i < P} is named {@code decline-i}, the last one {@code hello}. Each answers
 * {@code POST /api/v1/template.execute} as seed 001's server.py does: 403 unless the request carries
 * {@code Authorization: Bearer <token>}; the hello reply when the template's {@code plugin} key is
 * its own name; {@code {}} (decline) otherwise; 404 for any other path. A template
 * {@code plugin: {hello: {}}} therefore costs the agent P calls: P-1 declines, then one accept.
 *
 * <p>It is built to be cheap per request, so the benchmark measures the caller: HTTP/1.1 keep-alive,
 * one platform thread per connection, blocking reads into one buffer, each reply one pre-built
 * byte array written with one write. The plugin key is found by scanning the body for
 * {@code "plugin"}, not by a JSON parser; the benchmark's bodies are compact JSON it knows.
 *
 * <p>{@code GET /stats} answers one line a plugin: requests, accepts, declines, refusals (403), and
 * connections that carried a call. The run script reads it between phases to show that connections
 * are reused.
 *
 * <pre>java -cp … dev.argoconformance.reference.bench.BenchPlugin --plugins 5 --token-file token</pre>
 * prints {@code PLUGIN <name> http://127.0.0.1:<port>} per plugin, then {@code READY}.
 */
public final class BenchPlugin {

    static final String HELLO = "hello";

    /** Seed 001's reply for a hello template. */
    static final String HELLO_REPLY =
            "{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello template!\",\"outputs\":{\"parameters\":[{\"name\":\"foo\",\"value\":\"bar\"}]}}}";

    private static final byte[] ACCEPT = response(200, "OK", HELLO_REPLY);
    private static final byte[] DECLINE = response(200, "OK", "{}");
    private static final byte[] FORBIDDEN = response(403, "Forbidden", "");
    private static final byte[] NOT_FOUND = response(404, "Not Found", "");
    private static final byte[] BAD_REQUEST = response(400, "Bad Request", "");
    private static final byte[] EXECUTE_PATH = "/api/v1/template.execute".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLUGIN_KEY = "\"plugin\"".getBytes(StandardCharsets.US_ASCII);

    private final List<Plugin> plugins = new ArrayList<>();
    private final byte[] authorization;

    private BenchPlugin(int count, String token) throws IOException {
        this.authorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        for (int i = 1; i <= count; i++) {
            plugins.add(new Plugin(i == count ? HELLO : "decline-" + i));
        }
    }

    public static void main(String[] args) throws Exception {
        int count = 5;
        Path tokenFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--plugins" -> count = Integer.parseInt(args[++i]);
                case "--token-file" -> tokenFile = Path.of(args[++i]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; usage: BenchPlugin --plugins N --token-file FILE");
            }
        }
        if (count < 1 || tokenFile == null) {
            throw new IllegalArgumentException("usage: BenchPlugin --plugins N (N >= 1) --token-file FILE");
        }
        BenchPlugin server = new BenchPlugin(count, Files.readString(tokenFile).strip());
        PrintStream out = System.out;
        for (Plugin p : server.plugins) {
            out.println("PLUGIN " + p.name + " http://127.0.0.1:" + p.socket.getLocalPort());
        }
        out.println("READY");
        out.flush();
        Thread.currentThread().join(); // until the script stops the process
    }

    private final class Plugin {
        final String name;
        final byte[] key;
        final ServerSocket socket;
        final LongAdder requests = new LongAdder();
        final LongAdder accepts = new LongAdder();
        final LongAdder declines = new LongAdder();
        final LongAdder refused = new LongAdder();
        final AtomicLong connections = new AtomicLong();

        Plugin(String name) throws IOException {
            this.name = name;
            this.key = name.getBytes(StandardCharsets.UTF_8);
            this.socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            Thread acceptor = new Thread(this::acceptLoop, name + "-accept");
            acceptor.start();
        }

        private void acceptLoop() {
            while (true) {
                Socket s;
                try {
                    s = socket.accept();
                } catch (IOException e) {
                    return;
                }
                Thread t = new Thread(() -> serve(s), name + "-conn");
                t.setDaemon(true);
                t.start();
            }
        }

        /** One keep-alive connection: request after request until the peer closes. */
        private void serve(Socket s) {
            try (s) {
                s.setTcpNoDelay(true);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[16 * 1024];
                boolean counted = false;
                int start = 0;
                int end = 0;
                while (true) {
                    int headerEnd;
                    while ((headerEnd = indexOfHeaderEnd(buf, start, end)) < 0) {
                        if (start > 0) { // compact what is left of the previous request
                            System.arraycopy(buf, start, buf, 0, end - start);
                            end -= start;
                            start = 0;
                        }
                        if (end == buf.length) {
                            buf = Arrays.copyOf(buf, buf.length * 2);
                        }
                        int n = in.read(buf, end, buf.length - end);
                        if (n < 0) {
                            return;
                        }
                        end += n;
                    }
                    Request r = parseHead(buf, start, headerEnd);
                    int bodyStart = headerEnd + 4;
                    if (r.contentLength < 0) {
                        out.write(BAD_REQUEST);
                        return; // no Content-Length (chunked, say): not something the benchmark sends
                    }
                    int bodyEnd = bodyStart + r.contentLength;
                    if (bodyEnd > buf.length) { // grow, keeping offsets
                        byte[] bigger = new byte[Math.max(buf.length * 2, bodyEnd - start)];
                        System.arraycopy(buf, start, bigger, 0, end - start);
                        bodyStart -= start;
                        bodyEnd -= start;
                        end -= start;
                        start = 0;
                        buf = bigger;
                    }
                    while (end < bodyEnd) {
                        int n = in.read(buf, end, buf.length - end);
                        if (n < 0) {
                            return;
                        }
                        end += n;
                    }
                    if (r.execute && !counted) { // a connection counts once it carries a call, not for /stats
                        connections.incrementAndGet();
                        counted = true;
                    }
                    out.write(reply(r, buf, bodyStart, bodyEnd));
                    if (r.close) {
                        return;
                    }
                    start = bodyEnd;
                    if (start == end) {
                        start = 0;
                        end = 0;
                    }
                }
            } catch (IOException e) {
                // the peer went away; nothing to report for a benchmark server
            }
        }

        private byte[] reply(Request r, byte[] buf, int bodyStart, int bodyEnd) {
            if (r.get && r.stats) {
                return stats();
            }
            if (!r.post || !r.execute) {
                return NOT_FOUND;
            }
            requests.increment();
            if (!r.authorized) {
                refused.increment();
                return FORBIDDEN;
            }
            if (namesPlugin(buf, bodyStart, bodyEnd, key)) {
                accepts.increment();
                return ACCEPT;
            }
            declines.increment();
            return DECLINE;
        }

        private Request parseHead(byte[] b, int from, int to) {
            Request r = new Request();
            int lineEnd = indexOfCrlf(b, from, to);
            int sp1 = indexOf(b, (byte) ' ', from, lineEnd);
            int sp2 = sp1 < 0 ? -1 : indexOf(b, (byte) ' ', sp1 + 1, lineEnd);
            if (sp2 > 0) {
                r.post = sp1 - from == 4
                        && b[from] == 'P'
                        && b[from + 1] == 'O'
                        && b[from + 2] == 'S'
                        && b[from + 3] == 'T';
                r.get = sp1 - from == 3 && b[from] == 'G' && b[from + 1] == 'E' && b[from + 2] == 'T';
                r.execute = Arrays.equals(b, sp1 + 1, sp2, EXECUTE_PATH, 0, EXECUTE_PATH.length);
                r.stats = sp2 - sp1 - 1 == 6 && new String(b, sp1 + 1, 6, StandardCharsets.US_ASCII).equals("/stats");
                r.close = sp2 + 9 <= lineEnd && b[lineEnd - 1] == '0' && b[lineEnd - 3] == '1'; // HTTP/1.0
            }
            int line = lineEnd + 2;
            while (line < to) {
                int next = indexOfCrlf(b, line, to);
                if (next < 0) {
                    next = to;
                }
                int colon = indexOf(b, (byte) ':', line, next);
                if (colon > 0) {
                    int v = colon + 1;
                    while (v < next && (b[v] == ' ' || b[v] == '\t')) {
                        v++;
                    }
                    int vEnd = next;
                    while (vEnd > v && (b[vEnd - 1] == ' ' || b[vEnd - 1] == '\t')) {
                        vEnd--;
                    }
                    if (nameIs(b, line, colon, "content-length")) {
                        r.contentLength = parseInt(b, v, vEnd);
                    } else if (nameIs(b, line, colon, "authorization")) {
                        r.authorized = Arrays.equals(b, v, vEnd, authorization, 0, authorization.length);
                    } else if (nameIs(b, line, colon, "connection")) {
                        String value = new String(b, v, vEnd - v, StandardCharsets.US_ASCII);
                        r.close = value.equalsIgnoreCase("close") || (r.close && !value.equalsIgnoreCase("keep-alive"));
                    }
                }
                line = next + 2;
            }
            if (r.get && r.contentLength < 0) {
                r.contentLength = 0;
            }
            return r;
        }
    }

    private static final class Request {
        boolean post;
        boolean get;
        boolean execute;
        boolean stats;
        boolean authorized;
        boolean close;
        int contentLength = -1;
    }

    private byte[] stats() {
        StringBuilder b = new StringBuilder();
        for (Plugin p : plugins) {
            b.append(p.name)
                    .append(" requests=")
                    .append(p.requests.sum())
                    .append(" accepts=")
                    .append(p.accepts.sum())
                    .append(" declines=")
                    .append(p.declines.sum())
                    .append(" refused=")
                    .append(p.refused.sum())
                    .append(" connections=")
                    .append(p.connections.get())
                    .append('\n');
        }
        return response(200, "OK", "text/plain", b.toString());
    }

    /**
     * True when some {@code "plugin"} key in the body is followed by an object whose first key is
     * {@code name}: {@code "plugin":{"hello":{}}}. Whitespace between the tokens is allowed.
     */
    static boolean namesPlugin(byte[] b, int from, int to, byte[] name) {
        int at = from;
        while ((at = indexOf(b, PLUGIN_KEY, at, to)) >= 0) {
            int i = skipSpace(b, at + PLUGIN_KEY.length, to);
            at += PLUGIN_KEY.length;
            if (i >= to || b[i] != ':') {
                continue;
            }
            i = skipSpace(b, i + 1, to);
            if (i >= to || b[i] != '{') {
                continue;
            }
            i = skipSpace(b, i + 1, to);
            if (i >= to || b[i] != '"') {
                continue;
            }
            int keyEnd = i + 1 + name.length;
            if (keyEnd < to && Arrays.equals(b, i + 1, keyEnd, name, 0, name.length) && b[keyEnd] == '"') {
                return true;
            }
        }
        return false;
    }

    static byte[] response(int code, String reason, String body) {
        return response(code, reason, "application/json", body);
    }

    static byte[] response(int code, String reason, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + code + " " + reason + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + bytes.length);
        System.arraycopy(bytes, 0, all, headBytes.length, bytes.length);
        return all;
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean nameIs(byte[] b, int from, int to, String lowerName) {
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int parseInt(byte[] b, int from, int to) {
        if (from == to) {
            return -1;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9' || n > Integer.MAX_VALUE / 10) {
                return -1;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private static int indexOfHeaderEnd(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfCrlf(byte[] b, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte[] needle, int from, int to) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
