package dev.argoconformance.suite.differential;

import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * An entry of the differential tier's allow-list: a difference between Argo's agent and the
 * reference controller that is there on purpose, keyed by its compatibility note ID, with the reason.
 * It is reported with every run it explains, never failed.
 *
 * @param fields the fields it may explain
 * @param argoVersions which linked Argo versions it applies to (the harness's {@code argo} value)
 * @param applies whether this pair of outcomes is the situation it describes (Argo's, the reference's)
 */
public record KnownDifference(
        String noteId,
        String reason,
        CompatibilityNote note,
        Set<Field> fields,
        Predicate<String> argoVersions,
        BiPredicate<Outcome, Outcome> applies) {

    public KnownDifference {
        fields = Set.copyOf(fields);
    }

    boolean explains(Difference d, String argoVersion, Outcome argo, Outcome reference) {
        return fields.contains(d.field())
                && argoVersions.test(argoVersion)
                && argo != null
                && reference != null
                && applies.test(argo, reference);
    }
}
