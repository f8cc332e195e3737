package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The report as a browser sees it: Debian's Chromium, headless, with a fresh profile and no
 * background traffic. Every start is bounded; a Chromium that hangs is killed with its children.
 */
final class HeadlessChromium {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A phone's viewport (CSS pixels): the report must read there without sideways scrolling of its text. */
    static final int PHONE_WIDTH = 412;

    static final int PHONE_HEIGHT = 915;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path binary;
    private final Path scratch;

    /** {@code scratch} holds each start's profile and output; a test's @TempDir. */
    HeadlessChromium(Path scratch) {
        this.binary = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
        this.scratch = scratch;
        assertThat(Files.isExecutable(binary))
                .as("Chromium at %s (install Debian's chromium, or point -Dchromium at a Chromium binary)", binary)
                .isTrue();
    }

    /** A PNG of the page at the given viewport, checked to be a real PNG of those dimensions. */
    Png screenshot(Path html, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of(
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(),
                html.toUri().toString()));
        assertThat(png).as("the screenshot Chromium was asked to write").exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).as("a PNG file").startsWith(PNG_SIGNATURE);
        // IHDR is the first chunk: width and height are the two big-endian ints after its type.
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        return new Png(bytes.length, header.getInt(), header.getInt());
    }

    /** The DOM after Chromium loaded the page, serialised. */
    String dumpDom(Path html) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", html.toUri().toString()));
    }

    record Png(long bytes, int width, int height) {}

    private String run(List<String> pageArgs) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(scratch, "chromium-");
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + work.resolve("profile")));
        command.addAll(pageArgs);
        Path stdout = work.resolve("stdout");
        Path stderr = work.resolve("stderr");
        // Output goes to files, not pipes: a DOM dump of a large report would fill a pipe nobody reads yet.
        Process chromium = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            boolean finished = chromium.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(finished)
                    .as("Chromium finished within %s; stderr:%n%s", TIMEOUT, tail(stderr))
                    .isTrue();
            assertThat(chromium.exitValue())
                    .as("Chromium's exit code; stderr:%n%s", tail(stderr))
                    .isZero();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            if (chromium.isAlive()) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
            }
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The text a reader sees in serialised HTML: tags dropped, the five entities the report writes decoded. */
    static String text(String html) {
        return html.replaceAll("(?s)<style>.*?</style>", "")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }
}
