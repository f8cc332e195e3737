@executor
Feature: Hostile input
  A plugin's port is reachable from the pod network: it will see requests Argo never sends. A client's
  mistake deserves a 4xx; a 5xx, a dropped connection or a crash is the plugin's fault. Fields the
  plugin does not know must be tolerated: Argo adds fields over versions.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-HOSTILE-01 @should
  Scenario: Malformed requests get an answer below 500
    "The plugin should guard against all the usual relevant vulnerabilities" (seed 003, Security). The
    catalogue's 52 labelled requests (malformed JSON, wrong shapes, multi-MB bodies, deep nesting, NUL
    and invalid UTF-8, wrong framing and Content-Types, odd methods and paths) each get a status
    below 500; 501 only where HTTP prescribes it.

    When the plugin receives each request of the hostile-input catalogue
    Then every hostile request is answered with a status below 500

  @EXEC-HOSTILE-02 @must
  Scenario: Template fields the plugin does not know are tolerated
    Argo sends the whole processed template (argo-behaviour.md §W1.3): any field a user sets (timeout, retryStrategy,
    memoize, metadata.labels) travels along, and new Argo versions add more (metadata.uid since v3.4.2).

    When Argo executes each example template
    And Argo executes each example template with template fields the plugin does not know
    Then the examples end as they did without those fields

  @EXEC-HOSTILE-03 @should
  Scenario: After hostile input the plugin still serves Argo
    A request that wedges a worker, leaks a connection or kills the process shows here.

    When Argo executes each example template
    And the plugin receives each request of the hostile-input catalogue
    And Argo executes each example template again
    Then the examples end as they did before the hostile input
