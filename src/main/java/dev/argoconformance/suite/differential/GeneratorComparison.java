package dev.argoconformance.suite.differential;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One generator input run by both sides, and every field on which they differ: the parameter sets,
 * the error, the requeue and the number of calls. No allow-list applies: none is known to differ.
 */
record GeneratorComparison(String subject, String argoVersion, Side argo, Side reference, List<Difference> differences)
        implements Comparison {

    /** What one side made of the input. @param trace one line per HTTP exchange */
    public record Side(String parameterSets, String error, Duration requeueAfter, int calls, List<String> trace) {
        public Side {
            trace = List.copyOf(trace);
        }

        String line() {
            return "parameter sets " + parameterSets + (error.isEmpty() ? "" : ", error \"" + error + "\"")
                    + ", requeue after " + requeueAfter.toSeconds() + " s, " + calls + " call(s)";
        }
    }

    public GeneratorComparison {
        differences = List.copyOf(differences);
    }

    static GeneratorComparison of(String subject, String argoVersion, Side argo, Side reference) {
        List<Difference> out = new ArrayList<>();
        compare(out, subject, Field.PARAMETER_SETS, argo.parameterSets(), reference.parameterSets(), argo, reference);
        compare(
                out,
                subject,
                Field.ERROR,
                "\"" + argo.error() + "\"",
                "\"" + reference.error() + "\"",
                argo,
                reference);
        compare(
                out,
                subject,
                Field.REQUEUE_AFTER,
                argo.requeueAfter().toSeconds() + " s",
                reference.requeueAfter().toSeconds() + " s",
                argo,
                reference);
        compare(
                out,
                subject,
                Field.CALLS,
                String.valueOf(argo.calls()),
                String.valueOf(reference.calls()),
                argo,
                reference);
        return new GeneratorComparison(subject, argoVersion, argo, reference, out);
    }

    private static void compare(
            List<Difference> out, String subject, Field field, String a, String r, Side argo, Side reference) {
        if (!Objects.equals(a, r)) {
            out.add(new Difference(subject, field, a, r, argo.trace(), reference.trace(), Optional.empty()));
        }
    }

    @Override
    public String summary() {
        return subject + " (" + argoVersion + " vs reference)\n    Argo CD's generator: " + argo.line()
                + "\n    reference:           " + reference.line();
    }
}
