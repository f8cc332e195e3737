package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.GoDuration;
import java.time.Duration;
import java.util.Optional;

/**
 * How long a plugin node may stay Pending, from its processed template: {@code timeout} (since v3.3.0) and
 * {@code pendingTimeout} (since v4.1.0, #12762). Argo's controller fails a node that is still Pending past either with
 * the message {@code timeout} ({@code ErrTimeout}); a Running node is not affected, a plugin node having no pod whose
 * activeDeadlineSeconds the {@code timeout} would also set ({@code operator.go}, {@code checkTemplateTimeouts}).
 *
 * @param after the earlier of the two, counted from the node's start; empty when the template sets neither
 * @param invalid the node's failure message when {@code timeout} (or {@code pendingTimeout}) does not parse, else empty
 */
record PendingDeadline(Optional<Duration> after, Optional<String> invalid) {

    static final String TIMEOUT = "timeout";

    static final PendingDeadline NONE = new PendingDeadline(Optional.empty(), Optional.empty());

    static PendingDeadline of(JsonNode template) {
        Optional<Duration> earliest = Optional.empty();
        for (String field : new String[] {"timeout", "pendingTimeout"}) {
            JsonNode value = template.path(field);
            if (!value.isTextual() || value.asText().isEmpty()) {
                continue;
            }
            Duration d;
            try {
                d = parse(value.asText());
            } catch (IllegalArgumentException e) {
                // getTimeoutAsDeadline: "invalid timeout format %w", for either field.
                return new PendingDeadline(Optional.empty(), Optional.of("invalid timeout format " + e.getMessage()));
            }
            earliest = Optional.of(earliest.filter(e -> e.compareTo(d) <= 0).orElse(d));
        }
        return new PendingDeadline(earliest, Optional.empty());
    }

    /** {@code wfv1.ParseStringToDuration}: a whole number is seconds, anything else a Go duration. */
    static Duration parse(String text) {
        try {
            return Duration.ofSeconds(Long.parseLong(text)); // strconv.Atoi, "+5" included
        } catch (NumberFormatException notWhole) {
            try {
                return GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unable to parse " + text + " as a duration: " + e.getMessage(), e);
            }
        }
    }
}
