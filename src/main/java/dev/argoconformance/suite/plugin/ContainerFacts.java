package dev.argoconformance.suite.plugin;

/**
 * What {@code docker inspect} says about a plugin container: the limits and user it runs under and
 * whether it is still up.
 */
public record ContainerFacts(
        String user,
        long memoryLimitBytes,
        long nanoCpus,
        long cpuShares,
        boolean readOnlyRootFilesystem,
        boolean running,
        boolean oomKilled,
        int restartCount,
        Integer exitCode) {}
