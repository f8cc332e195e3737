package hello;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hello executor plugin of Argo's docs (seed 001) on the JDK's own HTTP server
 * (com.sun.net.httpserver), written to pass the conformance suite: token from /var/run/argo/token,
 * 403 with an empty body on a wrong or missing bearer for every method and path, {} for other
 * plugins' templates, 404 for unknown RPC methods, outputs.parameters foo=bar, and 400 (never a 5xx)
 * for requests Argo would never send. Calls run on a thread pool, so they are served concurrently.
 */
public class HelloExecutor implements HttpHandler {

    static final int PORT = 4355;
    static final Path TOKEN = Path.of("/var/run/argo/token");
    static final String EXECUTE_PATH = "/api/v1/template.execute";
    static final int MAX_BODY = 8 * 1024 * 1024;
    /** Argo's agent calls from 16 workers at once; idle keep-alive connections hold no thread. */
    static final int THREADS = 32;

    static final byte[] HELLO = ("{\"node\":{\"phase\":\"Succeeded\",\"message\":\"Hello template!\","
            + "\"outputs\":{\"parameters\":[{\"name\":\"foo\",\"value\":\"bar\"}]}}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] DECLINE = "{}".getBytes(StandardCharsets.UTF_8);

    private final byte[] expected;

    HelloExecutor(String token) {
        expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws IOException {
        serve(new HelloExecutor(readToken()), "hello executor plugin");
    }

    static String readToken() throws IOException {
        return Files.readString(TOKEN, StandardCharsets.UTF_8).strip();
    }

    static void serve(HttpHandler handler, String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(PORT), 128);
        server.createContext("/", handler); // every path: the token is checked before the path
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "hello-call");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.start();
        System.out.println(name + " listening on :" + PORT);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            respond(exchange);
        } catch (IOException e) {
            // the client went away: nobody to answer
        } catch (RuntimeException e) {
            System.err.println("hello executor plugin: " + e); // a bug here; never the request's headers
            try {
                json(exchange, 500, message("internal error"));
            } catch (IOException | RuntimeException ignored) {
                // the response had begun; the connection is closed below
            }
        } finally {
            exchange.close();
        }
    }

    /** The token first, whatever the method or path; then the path, the method and the body. */
    void respond(HttpExchange ex) throws IOException {
        if (!authorized(ex.getRequestHeaders())) {
            empty(ex, 403);
            return;
        }
        if (!EXECUTE_PATH.equals(ex.getRequestURI().getRawPath())) {
            empty(ex, 404); // an RPC method this plugin does not implement: Argo stops calling it
            return;
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            ex.getResponseHeaders().set("Allow", "POST");
            empty(ex, 405);
            return;
        }
        byte[] body = readBody(ex);
        if (body == null) {
            return; // answered already: too large, or cut short
        }
        Map<?, ?> template = template(body);
        if (template == null) {
            json(ex, 400, message("not a template.execute request"));
        } else if (!mine(template)) {
            json(ex, 200, DECLINE); // not our template: Argo asks the next plugin
        } else {
            json(ex, 200, HELLO);
        }
    }

    /**
     * Exactly one Authorization header, equal to "Bearer &lt;token&gt;", compared in constant time
     * (MessageDigest.isEqual). The JDK's server trims the spaces around a header value, as RFC 9110
     * says a recipient may, so "Bearer &lt;token&gt; " arrives as "Bearer &lt;token&gt;".
     */
    boolean authorized(Headers headers) {
        List<String> values = headers.get("Authorization");
        if (values == null || values.size() != 1) {
            return false;
        }
        return MessageDigest.isEqual(values.get(0).getBytes(StandardCharsets.ISO_8859_1), expected); // the bytes as sent
    }

    /** The body, at most MAX_BODY bytes; null once a 413 or 400 has been sent. */
    static byte[] readBody(HttpExchange ex) throws IOException {
        if (declaredLength(ex) > MAX_BODY) {
            tooLarge(ex);
            return null;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            json(ex, 400, message("the body was cut short"));
            return null;
        }
        if (body.length > MAX_BODY) {
            tooLarge(ex);
            return null;
        }
        return body;
    }

    /** The Content-Length the client declared; -1 when there is none (the JDK's server refuses a bad one itself). */
    static long declaredLength(HttpExchange ex) {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        try {
            return declared == null ? -1 : Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The request's template: a JSON object holding a "template" object; null for anything else. */
    static Map<?, ?> template(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            if (Json.parse(text) instanceof Map<?, ?> args && args.get("template") instanceof Map<?, ?> template) {
                return template;
            }
            return null;
        } catch (CharacterCodingException | Json.Malformed e) {
            return null;
        }
    }

    /** Ours: the template's plugin map has the key "hello". */
    static boolean mine(Map<?, ?> template) {
        return template.get("plugin") instanceof Map<?, ?> plugin && plugin.containsKey("hello");
    }

    static void tooLarge(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Connection", "close");
        json(ex, 413, message("body larger than " + MAX_BODY + " bytes"));
    }

    static byte[] message(String text) {
        return ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8); // plain ASCII texts only
    }

    static void json(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** A status with no body: -1 is the JDK's "Content-Length: 0" (0 would mean chunked). */
    static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }
}
