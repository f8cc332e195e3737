package dev.argoconformance.reference.client;

import dev.argoconformance.reference.protocol.GoJson;

/** Turns a 200 body into a reply. Runs inside the retry loop, as Go's decode does: a truncated body is retried. */
@FunctionalInterface
public interface ReplyDecoder<T> {
    T decode(byte[] body) throws GoJson.DecodeException;
}
