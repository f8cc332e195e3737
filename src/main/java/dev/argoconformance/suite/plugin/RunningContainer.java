package dev.argoconformance.suite.plugin;

import java.util.List;

/** What the suite can learn about a plugin container it started, for the running-under-the-manifest checks. */
public interface RunningContainer {

    String id();

    /** Everything the container wrote to stdout and stderr so far. */
    String logs();

    ContainerFacts inspect();

    /** The user of every process in the container, as the Docker host's {@code ps} reports it. */
    List<String> processUsers();

    /** The Docker engine's version and API version, for the record. */
    String engineVersion();

    /** The image digest (repo digest when pulled, else the local image id). */
    String imageDigest();
}
