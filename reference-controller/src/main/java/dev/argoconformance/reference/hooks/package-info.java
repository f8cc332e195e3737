/**
 * Controller plugins: the workflow controller's side of the never-released plugin design of Argo Workflows PR
 * #7255 (and #7195), as seed 002 describes it and {@code docs/decisions/0005-controller-plugins.md} records it from
 * the PR's code.
 *
 * <ul>
 *   <li>{@link dev.argoconformance.reference.hooks.ControllerPluginCatalogue}: the {@code ControllerPlugin}
 *       ConfigMaps of the controller's namespace, each with a {@code data.address}.
 *   <li>{@link dev.argoconformance.reference.hooks.ControllerPlugin}: one plugin's client:
 *       {@code POST <address>/api/v1/<method>}, no Authorization and no Content-Type, a 1 s timeout, one
 *       attempt, a 404 remembered for as long as the ConfigMap lives.
 *   <li>{@link dev.argoconformance.reference.hooks.ControllerHooks}: the call sites: workflow.preOperate,
 *       workflow.postOperate, node.preExecute, node.postExecute and parameters.add over all plugins, replies
 *       merged with later plugins winning, failures classified as transient (a 503) or not.
 *   <li>{@link dev.argoconformance.reference.hooks.ProtectedFields}: what a preOperate patch must leave alone.
 *   <li>{@link dev.argoconformance.reference.hooks.ControllerNotes}: where the seeds and the PR's code disagree
 *       ({@code docs/decisions/0005-controller-plugins.md}).
 * </ul>
 *
 * What the workflow does with a failure (skip the reconcile, error the node, error the workflow) is the runner's:
 * {@code dev.argoconformance.reference.workflow}.
 */
package dev.argoconformance.reference.hooks;
