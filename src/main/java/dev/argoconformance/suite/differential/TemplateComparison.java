package dev.argoconformance.suite.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One template run by both sides, and every field on which they differ. Counts (calls, requeues,
 * connections) of a run that a clock cut short, on either side, may differ by one: which side's
 * last requeue or retry still fitted is a matter of milliseconds.
 */
record TemplateComparison(
        String subject, String argoVersion, Outcome argo, Outcome reference, List<Difference> differences)
        implements Comparison {

    public TemplateComparison {
        differences = List.copyOf(differences);
    }

    /** Compares the two outcomes field by field and looks every difference up in the allow-list. */
    public static TemplateComparison of(String subject, String argoVersion, Outcome argo, Outcome reference) {
        boolean atBound = argo.ending().atBound() || reference.ending().atBound();
        List<Difference> out = new ArrayList<>();
        compare(
                out,
                subject,
                Field.ENDING,
                argo.ending().toString(),
                reference.ending().toString(),
                argo,
                reference);
        compare(out, subject, Field.PHASE, quoted(argo.phase()), quoted(reference.phase()), argo, reference);
        compare(out, subject, Field.MESSAGE, quoted(argo.message()), quoted(reference.message()), argo, reference);
        compare(
                out,
                subject,
                Field.OUTPUTS,
                argo.outputs().toString(),
                reference.outputs().toString(),
                argo,
                reference);
        count(out, subject, Field.CALLS, argo.calls(), reference.calls(), atBound, argo, reference);
        compare(out, subject, Field.REQUEUE_CLASS, argo.requeueClass(), reference.requeueClass(), argo, reference);
        count(out, subject, Field.REQUEUES, argo.requeues(), reference.requeues(), atBound, argo, reference);
        compare(
                out,
                subject,
                Field.FINAL_ERROR,
                quoted(argo.finalError()),
                quoted(reference.finalError()),
                argo,
                reference);
        count(
                out,
                subject,
                Field.CONNECTIONS,
                argo.connectionsOpened(),
                reference.connectionsOpened(),
                atBound,
                argo,
                reference);
        List<Difference> explained = out.stream()
                .map(d -> d.withKnown(KnownDifferences.explain(d, argoVersion, argo, reference)))
                .toList();
        return new TemplateComparison(subject, argoVersion, argo, reference, explained);
    }

    /** One line per side: what each made of the template. */
    @Override
    public String summary() {
        return subject + " (Argo " + argoVersion + " vs reference)\n    Argo's agent: " + line(argo)
                + "\n    reference:    " + line(reference);
    }

    private static String line(Outcome o) {
        return o.ending() + ", " + quoted(o.phase()) + " " + quoted(o.message()) + ", outputs " + o.outputs() + ", "
                + o.calls() + " call(s), "
                + o.requeues() + " requeue(s), " + o.connectionsOpened() + " connection(s)"
                + (o.finalError().isEmpty() ? "" : ", last error " + quoted(o.finalError()));
    }

    private static void compare(
            List<Difference> out, String subject, Field field, String a, String r, Outcome argo, Outcome reference) {
        if (!Objects.equals(a, r)) {
            out.add(new Difference(subject, field, a, r, argo.trace(), reference.trace(), Optional.empty()));
        }
    }

    private static void count(
            List<Difference> out,
            String subject,
            Field field,
            int a,
            int r,
            boolean atBound,
            Outcome argo,
            Outcome reference) {
        if (a == r || atBound && Math.abs(a - r) <= 1) {
            return;
        }
        out.add(new Difference(
                subject,
                field,
                String.valueOf(a),
                String.valueOf(r),
                argo.trace(),
                reference.trace(),
                Optional.empty()));
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
