package dev.argoconformance.reference.hooks;

import dev.argoconformance.reference.protocol.CompatibilityNote;

/**
 * Where seed 002 (the controller plugins' docs as the user gave them), seed 003 and PR #7255's code disagree, and
 * what the reference controller does there. One note each, named, with the reason; the record is
 * {@code docs/decisions/0005-controller-plugins.md}.
 */
public final class ControllerNotes {

    static final String RECORD = "docs/decisions/0005-controller-plugins.md";

    private ControllerNotes() {}

    /** The path: seed 002's two examples disagree with each other and with the code. */
    public static CompatibilityNote path() {
        return new CompatibilityNote(
                "CTRL-PATH-01",
                "Controller plugins are called at POST <address>/api/v1/<method>; seed 002's examples answer at"
                        + " /workflow.preOperate and at /WorkflowLifecycleHook.WorkflowPreOperate instead.",
                "PR #7255's client (workflow/util/plugins/plugin.go) posts to address + \"/api/v1/\" + method, with the"
                        + " methods workflow.preOperate, workflow.postOperate, node.preExecute, node.postExecute and"
                        + " parameters.add; the same docs page at the PR's head shows \"/api/v1/workflow.preOperate\"."
                        + " Seed 002, an earlier revision, shows \"/workflow.preOperate\" in its first example and"
                        + " \"/WorkflowLifecycleHook.WorkflowPreOperate\" (the net/rpc-style names of an earlier"
                        + " iteration) in its second, and says only \"The path is the RPC method name.\"",
                "The seed contradicts itself on the path, so the newer Argo behaviour decides (shared/seeds/README.md):"
                        + " /api/v1/<method>. A plugin that answers only at a seed path gets 404s and is never called.",
                "PR #7255 workflow/controller/plugins/rpc/plugin.go, workflow/util/plugins/plugin.go (Call),"
                        + " docs/controller_plugins.md; seed 002; " + RECORD);
    }

    /** The headers: no token for controller plugins. */
    public static CompatibilityNote headers() {
        return new CompatibilityNote(
                "CTRL-HEADERS-01",
                "Controller plugins get neither an Authorization header nor a Content-Type header.",
                "PR #7255's controller client builds a bare http.NewRequest: no token (there is no"
                        + " /var/run/argo/token for a controller sidecar) and no Content-Type. The seeds say nothing"
                        + " about headers for controller plugins; executor plugins get both (seed 001).",
                "The reference controller sends only what Go's transport adds (User-Agent, Content-Length,"
                        + " Accept-Encoding). A controller plugin must not require a token or a Content-Type, and"
                        + " cannot tell the controller from any other caller: its exposure is limited by where it"
                        + " listens (CTRL-AUTH-01, CTRL-DISC-02).",
                "PR #7255 workflow/util/plugins/plugin.go; seed 003 \"Security\"; " + RECORD);
    }

    /** A 503: the seeds disagree on what a transient error does. */
    public static CompatibilityNote transientError(String plugin, String method) {
        return new CompatibilityNote(
                "CTRL-TRANSIENT-01",
                "Plugin " + plugin + " answered " + method + " with a transient error (503); the reconcile was skipped"
                        + " and tried again later, nothing failed.",
                "Seed 002: \"Transient errors are ignored, and reconciliation aborted.\" Seed 003: \"Transient errors"
                        + " are retried\". PR #7255's client makes one attempt (wait.Backoff{Steps: 1}); its call sites"
                        + " return early on errorsutil.IsTransientErr (preOperate: the reconcile is skipped;"
                        + " postOperate: the error is ignored; preExecute of a plugin node: the node waits for the next"
                        + " reconcile).",
                "The reference controller follows seed 002, which matches the code: one attempt, the reconcile (or the"
                        + " node's step of it) is skipped and tried again after " + "1s" + "; nothing is marked"
                        + " failed. The \"retry\" of seed 003 is that next reconcile, not a retry of the call.",
                "seed 002 \"Failure Modes\"; seed 003 \"Failure Modes\"; PR #7255 workflow/controller/operator.go,"
                        + " workflow_lifecycle_hook_plugins.go, plugin_template.go; " + RECORD);
    }

    /** parameters.add failed: the seed errors the workflow; the code errors the node whose template it processed. */
    public static CompatibilityNote parametersError(String plugin) {
        return new CompatibilityNote(
                "CTRL-PARAMS-01",
                "parameters.add of plugin " + plugin + " failed and the workflow was marked Error.",
                "Seed 002/003: \"For node lifecycle hooks, the node will error. ... Other errors will result in an"
                        + " errored workflow.\" PR #7255 calls parameters.add from template processing"
                        + " (ProcessArgsWithHook), whose error errors the node being processed; the workflow then"
                        + " fails through that node [inferred from the code, not run].",
                "The reference controller follows the seeds: parameters.add is not a node lifecycle hook, so its"
                        + " error marks the workflow Error.",
                "seed 002 and seed 003 \"Failure Modes\"; PR #7255 workflow/controller/parameter_substitution_plugins.go,"
                        + " workflow/common/util.go (ProcessArgsWithHook); " + RECORD);
    }

    /** More than one plugin: their order decides which reply wins. */
    public static CompatibilityNote order() {
        return new CompatibilityNote(
                "CTRL-ORDER-01",
                "Several controller plugins are installed; they are called in ConfigMap name order, and a later"
                        + " plugin's patch or parameter wins over an earlier one's.",
                "PR #7255 keeps controller plugins in a Go map keyed by ConfigMap name, so the order changes from"
                        + " one reconcile to the next, and with it which plugin's value wins.",
                "The reference controller calls them sorted by ConfigMap name, so runs are repeatable. A plugin"
                        + " must not rely on being called first or last.",
                "PR #7255 workflow/controller/controller.go (getControllerPlugins); " + RECORD);
    }
}
