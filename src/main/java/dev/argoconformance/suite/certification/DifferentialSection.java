package dev.argoconformance.suite.certification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import java.util.List;
import java.util.Optional;

/**
 * The differential tier's part of a certification ({@code -Dplugin.differential=true}): what Argo's own
 * code and the reference controller each made of every example, and where they differed. It is a
 * compatibility section, not a verdict: the suite judges the plugin by the seeds; a difference here is
 * the reference controller's, reported so it can be fixed.
 *
 * @param argo the Argo project and version whose code ran, e.g. {@code Argo Workflows v4.0.5}
 * @param notRun why the tier could not run, when it could not
 */
public record DifferentialSection(String argo, List<Example> examples, List<Row> differences, Optional<String> notRun) {

    /** What each side made of one example, in a line each. */
    public record Example(String name, String argo, String reference) {}

    /**
     * One field on which the sides differed.
     *
     * @param knownNote the compatibility note of an allow-listed difference (the reference follows the seeds
     *     or a newer Argo on purpose); empty for a difference the reference controller should not have
     */
    public record Row(String example, String field, String argo, String reference, Optional<String> knownNote) {}

    public DifferentialSection {
        examples = List.copyOf(examples);
        differences = List.copyOf(differences);
    }

    public static DifferentialSection notRun(String argo, String reason) {
        return new DifferentialSection(argo, List.of(), List.of(), Optional.of(reason));
    }

    /** {@code agrees}, {@code known-differences}, {@code differs} or {@code not-run}. */
    public String status() {
        if (notRun.isPresent()) {
            return "not-run";
        }
        if (differences.stream().anyMatch(r -> r.knownNote().isEmpty())) {
            return "differs";
        }
        return differences.isEmpty() ? "agrees" : "known-differences";
    }

    /** Where the run keeps it until the writers read it. */
    public static final class Holder {
        private volatile DifferentialSection section;

        public void set(DifferentialSection section) {
            this.section = section;
        }

        public Optional<DifferentialSection> get() {
            return Optional.ofNullable(section);
        }
    }

    /** The run's section: none unless {@code -Dplugin.differential=true}; "not run" when the run ended before it. */
    static Optional<DifferentialSection> of(CertificationRun run) {
        if (!run.options().differential()) {
            return Optional.empty();
        }
        return Optional.of(run.getOrCompute(Holder.class, Holder::new)
                .get()
                .orElseGet(
                        () -> notRun("Argo", "the run ended before the differential tier ran (see the run's errors)")));
    }

    ObjectNode json() {
        ObjectNode node = Json.object();
        node.put("argo", argo);
        node.put("status", status());
        notRun.ifPresent(r -> node.put("reason", r));
        var ex = node.putArray("examples");
        examples.forEach(
                e -> ex.addObject().put("name", e.name()).put("argo", e.argo()).put("reference", e.reference()));
        var rows = node.putArray("differences");
        for (Row r : differences) {
            ObjectNode row = rows.addObject()
                    .put("example", r.example())
                    .put("field", r.field())
                    .put("argo", r.argo())
                    .put("reference", r.reference());
            if (r.knownNote().isPresent()) {
                row.put("knownNote", r.knownNote().get());
            } else {
                row.putNull("knownNote");
            }
        }
        return node;
    }
}
