@reference
Feature: The reference controller offers a template to each plugin until one accepts
  Every task goes to the plugins in order. A reply without a node ({} or null) declines, and the
  next plugin is asked; the first reply with a node decides; when none accepts, the node fails
  with "no plugin executed the template" (workflow/executor/agent.go; argo-behaviour.md §W2.5).

  @REF-DECLINE-01
  Scenario: {} from one plugin, then another accepts
    "{} or null from plugin A, then accept from plugin B → B's result." (argo-behaviour.md §W10)

    Given an agent with the plugins status, flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 0}}'
    Then the node is Succeeded with the message "Hello template!"
    And the node was accepted by flaky-503
    And status was called 1 time
    And flaky-503 was called 1 time

  @REF-DECLINE-02
  Scenario: null declines as {} does
    "An empty reply {}, or JSON null, leaves node nil. That means decline, try the next plugin."
    (argo-behaviour.md §W1.4)

    Given an agent with the plugins status, scripted
    When Argo executes a template whose plugin is '{"status": {"code": 200, "body": null}}'
    Then the node is Failed with the message "no plugin executed the template"
    And status was called 1 time
    And scripted was called 1 time

  @REF-DECLINE-03
  Scenario: When every plugin declines, the node fails with "no plugin executed the template"
    "All plugins decline → Failed with message no plugin executed the template." (argo-behaviour.md §W10)

    Given an agent with the plugins status, flaky-503, scripted
    When Argo executes a template whose plugin is '{"nobody": {}}'
    Then the node is Failed with the message "no plugin executed the template"
    And no plugin accepted the node
    And status was called 1 time
    And flaky-503 was called 1 time
    And scripted was called 1 time

  @REF-DECLINE-04
  Scenario: A plugin's error stops the offer: later plugins are not asked
    "If ExecuteTemplate returns an error, stop. The error becomes the node result." (argo-behaviour.md §W2.5)

    Given an agent with the plugins status, flaky-503
    When Argo executes a template whose plugin is '{"status": {"code": 500, "body": "boom"}}'
    Then the node is Failed with the message "500 Internal Server Error: boom"
    And flaky-503 was not called

