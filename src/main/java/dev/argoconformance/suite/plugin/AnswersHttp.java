package dev.argoconformance.suite.plugin;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Ready at the first HTTP answer of any status on the port, checked from outside because plugin
 * images often have no shell; failed as soon as the container exits, so a plugin that crashes at
 * start is reported in a second with its exit code, not after the whole startup timeout.
 */
final class AnswersHttp extends AbstractWaitStrategy {

    private final int port;

    AnswersHttp(int port) {
        this.port = port;
    }

    @Override
    protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!waitStrategyTarget.isRunning()) {
                InspectContainerResponse.ContainerState state =
                        waitStrategyTarget.getCurrentContainerInfo().getState();
                throw new ContainerLaunchException("the container exited with code " + state.getExitCodeLong()
                        + (Boolean.TRUE.equals(state.getOOMKilled()) ? ", killed for memory (OOMKilled)," : "")
                        + " before it answered HTTP on port " + port);
            }
            if (answers()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ContainerLaunchException("interrupted while waiting for the plugin to answer", e);
            }
        }
        throw new ContainerLaunchException(
                "no HTTP answer on port " + port + " within " + startupTimeout.toSeconds() + " s");
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(waitStrategyTarget.getHost(), waitStrategyTarget.getMappedPort(port)), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false; // not listening yet, or Docker's proxy accepted and dropped the connection
        }
    }
}
