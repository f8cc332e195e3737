@generator
Feature: Timely, idempotent and robust
  Argo CD calls the plugin on every reconcile, every requeue and every Git webhook, from up to 10
  reconcilers at once, with a 30 s timeout and no retry (argo-behaviour.md §CD3, §CD5).

  Background:
    Given a generator plugin started with a fresh token

  @GEN-TIME-01 @must
  Scenario: Each of 10 concurrent calls is answered within the request timeout
    Argo CD's client gives each call 30 s by default (requestTimeout in the ConfigMap) and reconciles
    up to 10 ApplicationSets at once (--concurrent-reconciliations).

    When Argo CD's 10 reconcilers call the plugin with its example at once
    Then every one of those calls is answered within 30 seconds

  @GEN-IDEMP-01 @should
  Scenario: The same input gives the same parameter sets
    "plugins must be idempotent and cheap, and must tolerate bursts" (argo-behaviour.md §CD5): Argo CD calls again on
    every reconcile; changing answers churn Applications.

    When Argo CD reconciles the first example 3 times
    Then every reconcile gives the same parameter sets

  @GEN-HOSTILE-01 @should
  Scenario: Malformed requests get an answer below 500
    The plugin's Service is reachable in the cluster; requests Argo CD never sends deserve a 4xx, never a
    5xx or a dropped connection (the catalogue of 52 labelled requests).

    When the plugin receives each request of the hostile-input catalogue
    Then every hostile request is answered with a status below 500
