package dev.argoconformance.reference.goruntime;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * One call's connection, as Go's transport would treat it.
 *
 * <ul>
 *   <li>Its addresses, so transport errors name them as Go's net.OpError does: the address dialled
 *       ({@code dial tcp [::1]:4355}) and both ends of a connection that broke
 *       ({@code read tcp 127.0.0.1:43512->127.0.0.1:4355}).
 *   <li>Its reuse: Go closes a connection after an HTTP/1.0 reply that does not ask for keep-alive
 *       (net/http shouldClose), where OkHttp would pool it and race the server's close. Python's
 *       {@code http.server}, the docs' plugins, answer exactly that way.
 * </ul>
 */
final class GoConnection extends EventListener {

    private volatile InetSocketAddress dialled;
    private volatile InetSocketAddress local;
    private volatile InetSocketAddress remote;
    private volatile Socket socket;
    private volatile boolean closeAfterReply;
    private final Runnable onConnect;

    GoConnection() {
        this(() -> {});
    }

    /** {@code onConnect}: told of every connection this call opens, as it opens (a call in flight counts). */
    GoConnection(Runnable onConnect) {
        this.onConnect = onConnect;
    }

    /** For OkHttpClient.Builder.eventListenerFactory: the call's own tagged instance, or a fresh one. */
    static EventListener.Factory factory() {
        return call -> {
            GoConnection tagged = call.request().tag(GoConnection.class);
            return tagged != null ? tagged : new GoConnection();
        };
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol, IOException e) {
        if (dialled == null) {
            dialled = address; // Go reports the first address it tried
        }
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        onConnect.run(); // a new connection, as Go's httptrace GotConnInfo.Reused == false
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
        socket = connection.socket();
        local = (InetSocketAddress) socket.getLocalSocketAddress();
        remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        closeAfterReply = false;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        closeAfterReply = response.protocol() == Protocol.HTTP_1_0
                && !"keep-alive".equalsIgnoreCase(response.header("Connection"));
    }

    @Override
    public void responseBodyEnd(Call call, long byteCount) {
        if (closeAfterReply && socket != null) {
            try {
                socket.close(); // the pool then finds it closed and opens a new one, as Go would
            } catch (IOException ignored) {
                // already closed by the server
            }
        }
    }

    Optional<String> dialled() {
        return Optional.ofNullable(dialled).map(GoConnection::go);
    }

    Optional<String> connection() {
        return local == null || remote == null ? Optional.empty() : Optional.of(go(local) + "->" + go(remote));
    }

    /** Go's host:port form: IPv4 as is, IPv6 compressed and bracketed. */
    static String go(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null
                ? address.getHostString()
                : ip instanceof Inet6Address ? "[" + compress(ip.getAddress()) + "]" : ip.getHostAddress();
        return host + ":" + address.getPort();
    }

    /** RFC 5952 text of an IPv6 address: the longest run of two or more zero groups becomes "::". */
    static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
