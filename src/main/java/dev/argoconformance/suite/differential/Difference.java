package dev.argoconformance.suite.differential;

import java.util.List;
import java.util.Optional;

/**
 * One field on which Argo's agent and the reference controller disagree for one template, with both
 * sides shown, and the allow-list entry that explains it when the difference is a known one.
 *
 * @param subject the template (or "connections") it is about
 * @param argoValue Argo's value; {@code argoTrace} its attempts, for context
 * @param referenceValue the reference controller's value; {@code referenceTrace} its calls, for context
 */
public record Difference(
        String subject,
        Field field,
        String argoValue,
        String referenceValue,
        List<String> argoTrace,
        List<String> referenceTrace,
        Optional<KnownDifference> known) {

    public Difference {
        argoTrace = List.copyOf(argoTrace);
        referenceTrace = List.copyOf(referenceTrace);
    }

    /** Reported, not failed: the allow-list says why the reference does otherwise on purpose. */
    public boolean isKnown() {
        return known.isPresent();
    }

    Difference withKnown(Optional<KnownDifference> entry) {
        return new Difference(subject, field, argoValue, referenceValue, argoTrace, referenceTrace, entry);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(subject).append(": ").append(field.label()).append(" differs");
        known.ifPresent(k -> b.append(" (known difference ")
                .append(k.noteId())
                .append(": ")
                .append(k.reason())
                .append(')'));
        b.append("\n    Argo's agent: ").append(argoValue);
        if (!argoTrace.isEmpty()) {
            b.append("\n        attempts: ").append(String.join(" | ", argoTrace));
        }
        b.append("\n    reference:    ").append(referenceValue);
        if (!referenceTrace.isEmpty()) {
            b.append("\n        calls:    ").append(String.join(" | ", referenceTrace));
        }
        return b.toString();
    }
}
