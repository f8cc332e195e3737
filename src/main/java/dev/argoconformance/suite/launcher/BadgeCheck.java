package dev.argoconformance.suite.launcher;

import dev.argoconformance.suite.certification.Badge;
import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --check-badge}: a badge.json, current or rewritten as stale. */
final class BadgeCheck {

    private BadgeCheck() {}

    /**
     * Reads a badge.json; when an older suite major.minor made it, rewrites it and the badge.svg beside
     * it as stale. A badge is a claim about the contract as that suite read it: a newer contract makes
     * the claim stale until the plugin is certified again.
     */
    static int check(Path file, String currentVersion, PrintWriter out) {
        Badge badge;
        try {
            badge = Badge.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException(
                    "Cannot read " + file + " (" + e.getMessage() + "): give the path of a badge.json.", e);
        } catch (IllegalArgumentException e) {
            throw new HarnessException(file + " is not a badge this suite wrote: " + e.getMessage() + ".", e);
        }
        if (!badge.isOlderThan(currentVersion)) {
            out.printf("%s: current (%s; this is suite %s)%n", file, badge.message(), currentVersion);
            out.flush();
            return 0;
        }
        Badge stale = badge.stale();
        String name = file.getFileName().toString();
        Path svg = file.resolveSibling(
                name.endsWith(".json") ? name.substring(0, name.length() - 5) + ".svg" : name + ".svg");
        try {
            Files.writeString(file, stale.json(), StandardCharsets.UTF_8);
            Files.writeString(svg, stale.svg(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HarnessException("Cannot rewrite " + file + " as stale (" + e.getMessage() + ").", e);
        }
        out.printf(
                "%s: stale (%s was made by suite %s; this is suite %s): rewrote %s and %s%n",
                file, badge.state(), badge.suiteMajorMinor(), currentVersion, file, svg);
        out.flush();
        return 0;
    }
}
