package dev.argoconformance.suite.launcher;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.Profile;
import dev.argoconformance.suite.config.RunOptions;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

/** {@code --list}: the requirements a profile (and {@code --tags}) would run, with counts. */
final class RequirementList {

    private RequirementList() {}

    /**
     * Prints what a profile would run, without running anything. The selection is the launcher's own
     * discovery with the same filter a run uses, so the list cannot drift from what a run does.
     */
    static int print(RunOptions options, PrintWriter out) {
        PluginKind kind = options.kind();
        Profile profile = options.profile();
        Set<String> selectedIds = new HashSet<>();
        try (CertificationRun ignored = CertificationRun.begin(options)) {
            TestPlan plan = discover();
            for (TestIdentifier root : plan.getRoots()) {
                for (TestIdentifier test : plan.getDescendants(root)) {
                    if (test.isTest()) {
                        Set<String> tags = new HashSet<>();
                        test.getTags().stream().map(TestTag::getName).forEach(tags::add);
                        String id = Requirement.idIn(tags);
                        if (id != null) {
                            selectedIds.add(id);
                        }
                    }
                }
            }
        }
        List<Requirement> all = FeatureCatalogue.requirements(kind.tag());
        List<Requirement> selected =
                all.stream().filter(r -> selectedIds.contains(r.id())).toList();
        out.printf(
                "%s requirements in profile %s (%s)%s:%n",
                kind.tag(),
                profile.id(),
                profile.description(),
                options.tags().map(t -> ", tags " + t).orElse(""));
        for (Requirement r : selected) {
            out.printf("  %-18s %-7s %s%n", r.id(), r.level().tag(), r.title());
        }
        long must = selected.stream().filter(r -> r.level() == Level.MUST).count();
        long allMust = all.stream().filter(r -> r.level() == Level.MUST).count();
        out.printf(
                "%d of %d requirements: %d of %d must, %d of %d should%n",
                selected.size(), all.size(), must, allMust, selected.size() - must, all.size() - allMust);
        out.flush();
        return 0;
    }

    private static TestPlan discover() {
        try {
            return LauncherFactory.create().discover(Certification.request());
        } catch (RuntimeException e) {
            // A filter's HarnessException (a bad tag expression) may arrive wrapped by the launcher.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HarnessException harness) {
                    throw harness;
                }
            }
            throw e;
        }
    }
}
