package dev.argoconformance.suite.certification;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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

    public static String commit(Path root) {
        String built = BUILD.getProperty("commit", "");
        if (!built.isEmpty() && !built.startsWith("${")) {
            return built;
        }
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
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
