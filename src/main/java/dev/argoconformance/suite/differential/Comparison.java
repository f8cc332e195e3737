package dev.argoconformance.suite.differential;

import java.util.List;

/** One example run through Argo's own code and through the reference controller, and how they differ. */
public sealed interface Comparison permits TemplateComparison, GeneratorComparison {

    /** The example (template or generator input) it is about. */
    String subject();

    /** The Argo project and version whose code ran, e.g. {@code v4.0.5} or {@code Argo CD v3.1.16}. */
    String argoVersion();

    List<Difference> differences();

    /** One line per side: what each made of the example. */
    String summary();

    /** Differences no allow-list entry explains. */
    default List<Difference> unexpected() {
        return differences().stream().filter(d -> !d.isKnown()).toList();
    }

    /** Differences the allow-list explains: reported with their note. */
    default List<Difference> known() {
        return differences().stream().filter(Difference::isKnown).toList();
    }
}
