/**
 * How Argo CD's Go code holds, prints, encodes and templates parameter values: Go's {@code %v} and
 * {@code encoding/json} ({@link dev.argoconformance.reference.generator.gotext.GoValues}), the few Go types Argo puts
 * in a parameter set ({@link dev.argoconformance.reference.generator.gotext.RawJson},
 * {@link dev.argoconformance.reference.generator.gotext.TypedMap}), and {@code Render.Replace} with fasttemplate or a
 * documented subset of text/template ({@link dev.argoconformance.reference.generator.gotext.Render}).
 */
package dev.argoconformance.reference.generator.gotext;
