package dev.argoconformance.suite.certification;

import dev.argoconformance.reference.client.RecordedCall;

/**
 * Failure messages in one shape, as OCI's conformance suite prints them: the requirement, the
 * clause quoted, what was expected and received, and the exchange that shows it (token redacted).
 */
public final class Clause {

    private Clause() {}

    public static String describe(Requirement requirement, String expected, String received, RecordedCall call) {
        StringBuilder b = new StringBuilder();
        b.append(requirement.label()).append(": ").append(requirement.title()).append('\n');
        if (!requirement.clause().isEmpty()) {
            b.append("  clause:   ").append(indent(requirement.clause())).append('\n');
        }
        b.append("  expected: ").append(indent(expected)).append('\n');
        b.append("  received: ").append(indent(received));
        if (call != null) {
            b.append('\n').append("  request:  ").append(call.requestLine());
            call.requestHeaders()
                    .forEach(h -> b.append("\n            ")
                            .append(h.name())
                            .append(": ")
                            .append(abbreviate(h.value(), 120)));
            if (call.requestBody() != null && !call.requestBody().isEmpty()) {
                b.append("\n            ").append(indent(abbreviate(call.requestBody(), 600)));
            }
            b.append('\n').append("  response: ").append(call.statusLine());
            if (call.responseBody() != null && !call.responseBody().isEmpty()) {
                b.append("\n            ").append(indent(abbreviate(call.responseBody(), 600)));
            }
            b.append('\n').append("  replay:   ").append(abbreviate(call.curl(), 600));
        }
        return b.toString();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n            ");
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max
                ? text
                : text.substring(0, max) + "…(" + (text.length() - max) + " more characters)";
    }
}
