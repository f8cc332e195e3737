package dev.argoconformance.suite.certification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The releases a behaviour holds for: every release from {@link #from()} on, plus, on older release lines, the
 * releases from a backport on ({@link #backports()}). A scenario's tag writes it as {@code @argo>=3.4.1}, or, for a
 * fix backported to older lines, {@code @argo>=3.7.17/4.0.8/4.1.0}: 3.7.17 and later 3.7 releases, 4.0.8 and later
 * 4.0 releases, and everything from 4.1.0 on. (A slash, not a comma: a JUnit tag may not hold a comma.)
 */
record Releases(ArgoVersion from, List<ArgoVersion> backports) {

    public static final String TAG_PREFIX = "@argo>=";

    /** What a tag on a scenario that no Argo release holds says: controller plugins, PR #7255. */
    public static final String UNRELEASED_TAG = "@argo-unreleased";

    public Releases {
        backports = List.copyOf(backports);
        for (int i = 0; i < backports.size(); i++) {
            ArgoVersion b = backports.get(i);
            if (!b.lineStart().isBefore(from.lineStart())
                    || (i > 0 && !backports.get(i - 1).lineStart().isBefore(b.lineStart()))) {
                throw new IllegalArgumentException("backports must be on older release lines than " + from
                        + ", one a line, oldest first: " + backports);
            }
        }
    }

    public static Releases from(ArgoVersion from) {
        return new Releases(from, List.of());
    }

    /** {@code @argo>=3.7.17/4.0.8/4.1.0}; one clear sentence when it is not of that form. */
    public static Releases parseTag(String tag) {
        if (!tag.startsWith(TAG_PREFIX)) {
            throw new IllegalArgumentException("\"" + tag + "\" is not a version tag: it must begin " + TAG_PREFIX);
        }
        String[] parts = tag.substring(TAG_PREFIX.length()).split("/", -1);
        List<ArgoVersion> versions = new ArrayList<>();
        for (String part : parts) {
            try {
                versions.add(ArgoVersion.parse(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the tag " + tag + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Releases(versions.getLast(), versions.subList(0, versions.size() - 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the tag " + tag + ": " + e.getMessage(), e);
        }
    }

    public boolean holdsFor(ArgoVersion v) {
        return !v.isBefore(from) || backports.stream().anyMatch(b -> b.sameLine(v) && !v.isBefore(b));
    }

    /** The releases both hold for. */
    public Releases and(Releases other) {
        ArgoVersion newFrom = from.isBefore(other.from) ? other.from : from;
        Map<ArgoVersion, ArgoVersion> lines = new TreeMap<>();
        for (Releases r : List.of(this, other)) {
            for (ArgoVersion v : r.starts()) {
                if (v.lineStart().isBefore(newFrom.lineStart())) {
                    lines.putIfAbsent(v.lineStart(), v.lineStart());
                }
            }
        }
        List<ArgoVersion> kept = new ArrayList<>();
        for (ArgoVersion line : lines.keySet()) {
            Optional<ArgoVersion> a = firstOn(line);
            Optional<ArgoVersion> b = other.firstOn(line);
            if (a.isPresent() && b.isPresent()) {
                kept.add(Collections.max(List.of(a.get(), b.get())));
            }
        }
        // On newFrom's own line both hold from newFrom at the latest; a backport there cannot go lower.
        return new Releases(newFrom, kept);
    }

    /** The first release of {@code line}'s line this holds for, if any. */
    Optional<ArgoVersion> firstOn(ArgoVersion line) {
        for (ArgoVersion b : backports) {
            if (b.sameLine(line)) {
                return Optional.of(b);
            }
        }
        if (from.sameLine(line)) {
            return Optional.of(from);
        }
        return from.isBefore(line) ? Optional.of(line.lineStart()) : Optional.empty();
    }

    private List<ArgoVersion> starts() {
        List<ArgoVersion> all = new ArrayList<>(backports);
        all.add(from);
        return all;
    }

    /** As a tag writes it: {@code 3.7.17/4.0.8/4.1.0}. */
    public String spelled() {
        List<String> parts =
                new ArrayList<>(backports.stream().map(ArgoVersion::toString).toList());
        parts.add(from.toString());
        return String.join("/", parts);
    }

    /** ">= 4.1.0, and 3.7.17+ on 3.7, 4.0.8+ on 4.0" */
    public String describe() {
        if (backports.isEmpty()) {
            return ">= " + from;
        }
        return ">= " + from + ", and "
                + String.join(
                        ", ",
                        backports.stream().map(b -> b + "+ on " + b.line()).toList());
    }
}
