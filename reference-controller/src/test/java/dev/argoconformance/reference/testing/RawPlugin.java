package dev.argoconformance.reference.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A plugin on a raw loopback socket, for misbehaviour an HTTP server library will not produce: a TCP
 * reset, a Content-Length that lies, a body that never ends. Each accepted connection reads one
 * request and plays the next scripted {@link Act}; an unscripted connection gets a 500 saying so.
 */
public final class RawPlugin implements Closeable {

    /** What to do with one connection once its request has been read. */
    @FunctionalInterface
    public interface Act {
        void play(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final BlockingQueue<Act> script = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-plugin");
        t.setDaemon(true);
        return t;
    });

    public RawPlugin() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public int port() {
        return server.getLocalPort();
    }

    public RawPlugin then(Act act) {
        script.add(act);
        return this;
    }

    /** Request heads (request line and headers) in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Closes the connection with SO_LINGER 0, so the client reads a TCP reset. */
    public static Act reset() {
        return socket -> {
            socket.setSoLinger(true, 0);
            socket.close();
        };
    }

    /** Writes these bytes as the whole response, then closes the connection. */
    public static Act respond(String raw) {
        return socket -> {
            write(socket, raw);
            socket.close();
        };
    }

    /** Writes these bytes and then holds the connection open, sending nothing more, until closed. */
    public static Act respondAndHang(String raw) {
        return socket -> write(socket, raw);
    }

    private static void write(Socket socket, String raw) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            requests.add(readRequest(socket.getInputStream()));
            Act act = script.poll(0, TimeUnit.SECONDS);
            if (act == null) {
                act = respond("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 22\r\nConnection: close\r\n\r\n"
                        + "no response scripted\r\n");
            }
            act.play(socket);
        } catch (IOException | InterruptedException e) {
            // the client went away; nothing to record
        }
    }

    /** Reads the head and a Content-Length body; returns the head. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }
}
