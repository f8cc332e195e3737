package dev.argoconformance.suite.certification;

/**
 * A behaviour of Argo's that a plugin was seen to rely on, and the reference scenario that states it; that
 * scenario's version tag says since when Argo behaves so ({@link VersionTags}). Only behaviours that changed across
 * releases are here: whatever held from executor plugins' first release on (v3.3.0) raises no floor.
 */
public enum Reliance {
    /** The plugin refuses a call without the right token: v3.3.0 sent no Authorization (and no Content-Type) at all. */
    TOKEN("REF-REQUEST-01", "the agent sends its token as a Bearer token, with Content-Type application/json"),
    /** A Pending or Running reply with a requeue: the task was never handed back before #8194. */
    REQUEUE("REF-REQUEUE-01", "a Running or Pending reply with a requeue is called again"),
    /** A reply of the plugin carried the workflow's uid, which the request holds only since #9784. */
    WORKFLOW_UID("REF-REQUEST-02", "workflow.metadata holds namespace and uid besides the name"),
    /** A reply carried outputs.result or outputs.exitCode, which later steps may refer to only since #9967. */
    OUTPUT_RESULT("REF-WF-03", "a plugin step's outputs.result and exitCode can be referred to by later steps"),
    /** A 503 was retried and the next attempt served: a 503 was fatal at once before #9665. */
    RETRIED_503("REF-RETRY-01", "a 503 is retried with the backoff"),
    /** A connection closed or reset without a response was retried and the next attempt served (#9665). */
    RETRIED_DROPPED_CONNECTION("REF-CONN-02", "a connection closed or reset before the response is retried"),
    /** A 200 whose body ended inside its JSON was retried and the next attempt served (#16484). */
    RETRIED_TRUNCATED_BODY("REF-BODY-03", "a 200 whose body ends inside its JSON is retried"),
    /** A Succeeded reply carried a requeue, which Argo ignores only since #10681; before, it called again. */
    SUCCEEDED_REQUEUE_IGNORED("REF-REQUEUE-03", "a Succeeded reply's requeue is ignored");

    private final String scenario;
    private final String behaviour;

    Reliance(String scenario, String behaviour) {
        this.scenario = scenario;
        this.behaviour = behaviour;
    }

    /** The reference scenario whose version tag says since when. */
    public String scenario() {
        return scenario;
    }

    /** Argo's behaviour, as a clause: "a 503 is retried with the backoff". */
    public String behaviour() {
        return behaviour;
    }

    public String id() {
        return name().toLowerCase().replace('_', '-');
    }
}
