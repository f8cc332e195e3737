package dev.argoconformance.suite.certification;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The suite's version (from the build) and commit (from git when the repository is at hand). */
public final class SuiteVersion {

    private static final Properties BUILD = load();

    private SuiteVersion() {}

    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /** major.minor: badges made by an older major.minor are stale. */
    public static String majorMinor() {
        String[] parts = version().split("[.-]");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version();
    }

    /**
     * The suite's commit: git HEAD of the suite's own checkout, found from where these classes were
     * loaded (src/target/classes, or the jar in src/target), else {@code root} when that is the suite's
     * checkout. Never the commit of whatever repository the jar happens to run in (a plugin's own).
     */
    public static String commit(Path root) {
        String built = BUILD.getProperty("commit", "");
        if (!built.isEmpty() && !built.startsWith("${")) {
            return built;
        }
        return suiteCheckout(root).map(SuiteVersion::head).orElse("unknown");
    }

    private static Optional<Path> suiteCheckout(Path root) {
        List<Path> candidates = new ArrayList<>();
        try {
            for (Path dir = Path.of(SuiteVersion.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI());
                    dir != null;
                    dir = dir.getParent()) {
                candidates.add(dir);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to start from; the root below may still be the checkout
        }
        candidates.add(root);
        return candidates.stream()
                .filter(dir -> Files.isDirectory(dir.resolve("features"))
                        && Files.isRegularFile(dir.resolve("reference-controller/pom.xml")))
                .findFirst();
    }

    private static String head(Path checkout) {
        try {
            Process git = new ProcessBuilder("git", "-C", checkout.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = SuiteVersion.class.getResourceAsStream("/argo-plugin-conformance.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // an unknown version is reported as such
        }
        return p;
    }
}
