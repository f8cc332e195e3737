package dev.argoconformance.reference.generator.gotext;

/** A template Argo CD would fail to parse or execute; the message is Argo's, word for word. */
public final class TemplateException extends Exception {

    TemplateException(String argoMessage) {
        super(argoMessage);
    }
}
