@reference
Feature: The reference controller remembers a 404 for the agent's lifetime
  A 404 means the plugin does not implement template.execute. Argo's client remembers it in the
  client, one per plugin per agent pod, and never calls that plugin again; the call returns no
  reply, so the template goes to the next plugin (workflow/util/plugin/plugin.go; argo-behaviour.md §W2.4).

  @REF-404-01
  Scenario: After a 404 the plugin is never called again and templates go to the next plugin
    "404 from plugin A → A is never called again in this agent, and templates go straight to B."
    (argo-behaviour.md §W10)

    Given an agent with the plugins not-found, flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 0}}'
    And Argo executes another template whose plugin is '{"flaky": {"failures": 0}}'
    And Argo executes another template whose plugin is '{"flaky": {"failures": 0}}'
    Then every node is Succeeded with the message "Hello template!"
    And every node was accepted by flaky-503 after not-found declined or was skipped
    And not-found was called 1 time
    And flaky-503 was called 3 times

  @REF-404-02
  Scenario: A 404 from the only plugin leaves no plugin to execute the template
    "Return success (nil) with the reply untouched, so the loop moves to the next plugin" (argo-behaviour.md
    §W2.3); "If no plugin accepted, the error is no plugin executed the template." (argo-behaviour.md §W2.5)

    Given an agent with the plugin not-found
    When Argo executes a template whose plugin is '{"hello": {}}'
    And Argo executes another template whose plugin is '{"hello": {}}'
    Then every node is Failed with the message "no plugin executed the template"
    And not-found was called 1 time

  @REF-404-03
  Scenario: The next workflow's agent calls the plugin again
    "Scope: plugin × method × agent-process lifetime ... It is never shared between workflows."
    (argo-behaviour.md §W2.4) Each workflow gets its own agent pod, so its own clients.

    Given an agent with the plugins not-found, flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 0}}'
    And Argo starts the agent of the next workflow
    And Argo executes a template whose plugin is '{"flaky": {"failures": 0}}'
    Then the node is Succeeded with the message "Hello template!"
    And not-found was called 2 times
