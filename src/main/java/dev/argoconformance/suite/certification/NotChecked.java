package dev.argoconformance.suite.certification;

import org.opentest4j.TestAbortedException;

/** A requirement the run could not or need not check, with the reason and what to change. */
public final class NotChecked extends TestAbortedException {

    private final Status status;
    private final String blockedBy;

    private NotChecked(Status status, String reason, String blockedBy) {
        super(reason);
        this.status = status;
        this.blockedBy = blockedBy;
    }

    /** The clause does not apply to this plugin (for example, it never answers asynchronously). */
    public static NotChecked notApplicable(String reason) {
        return new NotChecked(Status.SKIPPED, reason, "");
    }

    /** This environment cannot check it (no container to inspect, no k3s image). */
    public static NotChecked disabled(String reason) {
        return new NotChecked(Status.DISABLED, reason, "");
    }

    /**
     * Another requirement's failure makes this one uncheckable (the plugin did not start, refused
     * Argo's token, crashed). Reported against the cause; a blocked {@code @must} still withholds
     * certification, since nobody saw it pass.
     */
    public static NotChecked blocked(String cause, String reason) {
        return new NotChecked(Status.SKIPPED, "blocked by " + cause + ": " + reason, cause);
    }

    public Status status() {
        return status;
    }

    /** The requirement whose failure made this one uncheckable, or "" when it was not blocked. */
    public String blockedBy() {
        return blockedBy;
    }
}
