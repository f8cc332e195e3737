package dev.argoconformance.suite.certification;

import org.opentest4j.TestAbortedException;

/** A requirement the run could not or need not check, with the reason and what to change. */
public final class NotChecked extends TestAbortedException {

    private final Status status;

    private NotChecked(Status status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The clause does not apply to this plugin (for example, it never answers asynchronously). */
    public static NotChecked notApplicable(String reason) {
        return new NotChecked(Status.SKIPPED, reason);
    }

    /** This environment cannot check it (no container to inspect, no k3s image). */
    public static NotChecked disabled(String reason) {
        return new NotChecked(Status.DISABLED, reason);
    }

    /** Another requirement's failure makes this one uncheckable (the plugin did not start). */
    public static NotChecked blocked(String reason) {
        return new NotChecked(Status.SKIPPED, reason);
    }

    public Status status() {
        return status;
    }
}
