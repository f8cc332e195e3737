package dev.argoconformance.suite.certification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release of Argo Workflows or Argo CD, {@code major.minor.patch}; its line is {@code major.minor}. */
record ArgoVersion(int major, int minor, int patch) implements Comparable<ArgoVersion> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");

    /** Executor plugins' first release (#7256). */
    public static final ArgoVersion FIRST_EXECUTOR_PLUGINS = new ArgoVersion(3, 3, 0);

    /** The newest Argo Workflows release the spec was read at; a tag naming a later one names no release we know. */
    public static final ArgoVersion NEWEST_READ = new ArgoVersion(4, 1, 2);

    /** Argo CD's first release with the ApplicationSet plugin generator (#13017). */
    public static final ArgoVersion FIRST_PLUGIN_GENERATOR = new ArgoVersion(2, 8, 0);

    /** {@code 3.4.1}; one clear sentence when it is not that. */
    public static ArgoVersion parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a release version: expected major.minor.patch, such as 3.4.1");
        }
        return new ArgoVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean sameLine(ArgoVersion other) {
        return major == other.major && minor == other.minor;
    }

    /** The first release of this version's line: 3.4.0 for 3.4.7. */
    public ArgoVersion lineStart() {
        return new ArgoVersion(major, minor, 0);
    }

    public String line() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(ArgoVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    public boolean isBefore(ArgoVersion o) {
        return compareTo(o) < 0;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
