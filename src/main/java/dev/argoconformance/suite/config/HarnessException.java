package dev.argoconformance.suite.config;

/**
 * The suite itself could not run: no Docker, a bad flag, an image that cannot be had. Its message
 * is one sentence saying what is wrong and what to do. Never a verdict on the plugin.
 */
public final class HarnessException extends RuntimeException {

    public HarnessException(String sentence) {
        super(sentence);
    }

    public HarnessException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
