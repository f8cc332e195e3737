package dev.argoconformance.suite.plugin;

import java.util.List;

/** How the suite explains a container that did not do what it should: the cause in one line, the logs' last lines. */
public final class ContainerTrouble {

    private ContainerTrouble() {}

    /** The first line of the innermost cause's message: Testcontainers wraps the one sentence that matters. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = String.valueOf(t.getMessage()).strip();
        return message.lines().findFirst().orElse(message);
    }

    /** The last {@code lines} lines of {@code text}, joined with newlines. */
    public static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
