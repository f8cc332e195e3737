/**
 * The calling side of Argo CD's ApplicationSet controller for generator plugins
 * ({@code POST <baseUrl>/api/v1/getparams.execute}), written from {@code docs/argo-behaviour.md} (§CD) and
 * Argo CD's {@code applicationset/} sources, so that a conformance suite can certify plugins against the way Argo
 * really calls them.
 *
 * <p>Public surface:
 * <ul>
 *   <li>{@link dev.argoconformance.reference.generator.ApplicationSetController}: {@code reconcile(ApplicationSet)}
 *       runs plugin, list, matrix and merge generators, calls the plugins, renders the Applications.
 *   <li>{@link dev.argoconformance.reference.generator.ApplicationSet}: the spec, parsed from YAML.
 *   <li>{@link dev.argoconformance.reference.generator.Reconciliation}: parameter sets, Applications, the condition
 *       message on failure, the requeue, what would be deleted, every
 *       {@link dev.argoconformance.reference.client.RecordedCall} (token masked), each
 *       {@link dev.argoconformance.reference.generator.PluginReply} with its
 *       {@link dev.argoconformance.reference.generator.ReplyShape} (a silent empty reply told apart from an explicit
 *       empty list), and the {@link dev.argoconformance.reference.protocol.CompatibilityNote}s raised.
 *   <li>{@link dev.argoconformance.reference.generator.ConfigSource}: where plugin ConfigMaps and token Secrets come
 *       from, in memory or files ({@link dev.argoconformance.reference.generator.InMemoryConfigSource}) or a cluster
 *       ({@link dev.argoconformance.reference.generator.KubernetesConfigSource}).
 *   <li>{@link dev.argoconformance.reference.generator.UnsupportedSpecException}: what this reference cannot evaluate.
 * </ul>
 *
 * <p>Faithful on purpose, including Argo's pitfalls: a missing Secret key sends the literal {@code $reference} as the
 * token, an empty body or a reply without {@code output.parameters} means zero sets and pruned Applications,
 * fasttemplate never substitutes {@code generator.input.parameters.*}. Each is reproduced and reported as a note.
 * Where the reference only approximates Argo, {@link
 * dev.argoconformance.reference.generator.ApplicationSetController#approximations()} lists it.
 */
package dev.argoconformance.reference.generator;
