package dev.argoconformance.reference.hooks;

import java.net.URI;

/**
 * A controller plugin as its ConfigMap declares it: the ConfigMap's name (the plugin's name in logs and errors), its
 * namespace (the controller's), {@code data.address}, and the ConfigMap's version: a new version means a new client,
 * so a method that answered 404 is called again.
 */
public record ControllerPluginConfig(String name, String namespace, URI address, String version) {}
