package dev.argoconformance.suite.cluster;

/**
 * The cluster tier itself went wrong (k3s did not start, an image could not be loaded, the API server refused the
 * suite's own objects): the harness's fault, reported as an error and never as a verdict on the plugin.
 */
final class ClusterException extends RuntimeException {

    public ClusterException(String sentence) {
        super(sentence);
    }

    public ClusterException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
