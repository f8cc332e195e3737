package dev.argoconformance.reference.client;

/** Sees every attempt a client makes, in order. Must be thread-safe: the agent calls from many workers. */
@FunctionalInterface
public interface CallListener {

    CallListener NONE = call -> {};

    void onCall(RecordedCall call);
}
