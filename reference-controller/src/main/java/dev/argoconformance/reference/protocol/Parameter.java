package dev.argoconformance.reference.protocol;

/** An output or input parameter: {@code {name, value}}. A null value means the plugin sent none. */
public record Parameter(String name, String value) {}
