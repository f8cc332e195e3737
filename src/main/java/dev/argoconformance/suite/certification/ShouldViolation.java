package dev.argoconformance.suite.certification;

import org.opentest4j.TestAbortedException;

/**
 * A {@code @should} clause the plugin broke. JUnit sees an aborted test, so the build stays green;
 * the certification records a failure and withholds the full badge.
 */
public final class ShouldViolation extends TestAbortedException {

    public ShouldViolation(String message) {
        super(message);
    }
}
