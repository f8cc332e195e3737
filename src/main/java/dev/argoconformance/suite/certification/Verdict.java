package dev.argoconformance.suite.certification;

import java.util.List;
import java.util.Set;

/**
 * What a run's results add up to, worst first. A harness error is never turned into a plugin
 * verdict; a disabled check never earns a badge it could not prove.
 */
public enum Verdict {
    /** The suite itself could not run every check (a harness error). */
    BROKEN_RUN(2),
    /** A {@code @must} failed. */
    FAILED(1),
    /** Nothing failed, but not every {@code @must} was checked (disabled here, or left out by the profile or tags). */
    INCOMPLETE(3),
    /** Every {@code @must} passed; some {@code @should} failed or the profile left them out. */
    CERTIFIED_CORE(0),
    /** Every {@code @must} and {@code @should} passed, and the run left none out (the full profile, no narrowing tags). */
    CERTIFIED(0);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** 0 certified, 1 a failed requirement, 2 a broken run (the suite could not do its job), 3 only unchecked requirements in the way. */
    public int exitCode() {
        return exitCode;
    }

    public String id() {
        return name().toLowerCase().replace('_', '-');
    }

    /**
     * The verdict of a run's results. {@code leftOut} names the requirements the profile or the tag
     * expression did not select: a run that left out a {@code @must} cannot certify anything, and only
     * a run that left out nothing can earn {@code certified}, so a narrowed run never earns a badge it
     * did not check.
     */
    public static Verdict of(List<RequirementResult> results, Set<String> leftOut) {
        if (results.stream().anyMatch(r -> r.status() == Status.ERROR)) {
            return BROKEN_RUN;
        }
        if (results.stream()
                .anyMatch(r -> r.requirement().level() == Level.MUST && (r.status() == Status.FAILED || r.blocked()))) {
            return FAILED;
        }
        if (results.stream().anyMatch(r -> r.status() == Status.DISABLED)) {
            return INCOMPLETE;
        }
        if (results.stream()
                .anyMatch(r -> r.requirement().level() == Level.MUST
                        && leftOut.contains(r.requirement().id()))) {
            return INCOMPLETE;
        }
        boolean shouldsPassed = results.stream()
                .filter(r -> r.requirement().level() == Level.SHOULD)
                .noneMatch(r -> r.status() == Status.FAILED || r.blocked());
        return leftOut.isEmpty() && shouldsPassed ? CERTIFIED : CERTIFIED_CORE;
    }
}
