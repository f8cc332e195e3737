package dev.argoconformance.suite.certification;

import dev.argoconformance.suite.config.HarnessException;
import dev.argoconformance.suite.config.RunOptions;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Keeps the scenarios a run asked for: the plugin's kind, the profile (quick, core, full) and any
 * Cucumber tag expression ({@code -Dconformance.tags}). Registered through ServiceLoader, so Maven's
 * {@code @Suite} runner and the launcher select exactly the same scenarios. Other engines' tests pass.
 */
public final class ProfileFilter implements PostDiscoveryFilter {

    /** The tag of features/reference: the reference controller's regression scenarios, run by their own suite. */
    static final String REFERENCE = "reference";

    /** The tag of the cluster tier's scenarios: they need a Kubernetes cluster and run only when one is asked for. */
    static final String CLUSTER = "cluster";

    /** The tag of the cluster scenarios that need a kubelet (a pod that runs): only the k3s tier has one. */
    static final String K3S = "k3s";

    /** Why the cluster tier's scenarios did not run when no tier was asked for. */
    static final String NO_CLUSTER = "the cluster tier runs with -D" + RunOptions.CLUSTER + "=" + RunOptions.CLUSTER_API
            + " (a kube-apiserver on this machine: " + "cluster-api/kube-apiserver/build.sh builds it) or -D"
            + RunOptions.CLUSTER
            + "=" + RunOptions.CLUSTER_K3S;

    /** Why a scenario that needs a kubelet did not run on the kube-apiserver tier. */
    static final String NEEDS_K3S = "needs k3s: the kube-apiserver tier has no kubelet, so no pod runs there; -D"
            + RunOptions.CLUSTER + "=" + RunOptions.CLUSTER_K3S + " runs it";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!descriptor.isTest() || !isCucumber(descriptor)) {
            return FilterResult.included("not a conformance scenario");
        }
        Set<String> tags = descriptor.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
        if (tags.contains(REFERENCE)) {
            return FilterResult.included(
                    "the reference controller's own regression scenarios are not certification requirements");
        }
        RunOptions options = CertificationRun.currentOptions();
        if (tags.contains(CLUSTER) && options.cluster().isEmpty()) {
            return FilterResult.excluded(NO_CLUSTER);
        }
        if (tags.contains(K3S) && !options.cluster().orElse("").equals(RunOptions.CLUSTER_K3S)) {
            return FilterResult.excluded(NEEDS_K3S);
        }
        if (!tags.contains(options.kind().tag())) {
            return FilterResult.excluded("not a " + options.kind().tag() + " requirement");
        }
        String area = FeatureCatalogue.area(Requirement.idIn(tags));
        if (!options.profile().includes(Requirement.levelIn(tags) == Level.MUST, area)) {
            return FilterResult.excluded("not in profile " + options.profile().id());
        }
        if (options.tags().isPresent() && !expression(options.tags().get()).evaluate(withAt(tags))) {
            return FilterResult.excluded("not matched by " + options.tags().get());
        }
        return FilterResult.included("selected");
    }

    static Expression expression(String tags) {
        try {
            return TagExpressionParser.parse(tags);
        } catch (TagExpressionException e) {
            throw new HarnessException(
                    "-D" + RunOptions.TAGS + " is not a Cucumber tag expression (" + e.getMessage()
                            + "): write it like \"@must and not @EXEC-LOAD-01\".",
                    e);
        }
    }

    private static List<String> withAt(Set<String> tags) {
        return tags.stream().map(t -> "@" + t).toList();
    }

    private static boolean isCucumber(TestDescriptor descriptor) {
        return descriptor.getUniqueId().getSegments().stream()
                .anyMatch(s -> s.getType().equals("engine") && s.getValue().equals("cucumber"));
    }
}
