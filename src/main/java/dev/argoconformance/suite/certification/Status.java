package dev.argoconformance.suite.certification;

/**
 * A requirement's outcome. {@code ERROR} is the harness's fault, never the plugin's; {@code DISABLED}
 * means this environment cannot check it (no container to inspect, no k3s image); {@code SKIPPED}
 * means the run did not select it or it does not apply to this plugin.
 */
public enum Status {
    PASSED,
    FAILED,
    SKIPPED,
    DISABLED,
    ERROR;

    public String id() {
        return name().toLowerCase();
    }
}
