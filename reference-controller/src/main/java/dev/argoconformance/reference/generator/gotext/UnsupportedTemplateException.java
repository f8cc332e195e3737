package dev.argoconformance.reference.generator.gotext;

/**
 * A Go template that uses syntax outside the subset {@link Render} implements. Argo CD would accept it, so the
 * reference controller cannot tell what Argo would produce: this is the harness's limit, never the plugin's fault.
 */
public final class UnsupportedTemplateException extends RuntimeException {

    UnsupportedTemplateException(String template, String what) {
        super("the reference controller's goTemplate subset does not support " + what + " in "
                + GoValues.quote(template)
                + "; it supports {{.a}}, {{.a.b}}, {{$}}, {{$.a}}, {{index X \"k\" 0}}, string and integer literals,"
                + " {{/* comments */}} and {{- trim markers -}}");
    }
}
