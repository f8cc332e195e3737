@reference
Feature: The reference controller's agent works on 16 tasks at a time
  ARGO_AGENT_TASK_WORKERS defaults to 16; each worker processes one task at a time,
  synchronously, so a plugin gets up to 16 concurrent requests (workflow/executor/agent.go;
  argo-behaviour.md §W2.8).

  @REF-CONC-01
  Scenario: Twenty slow templates at once are sixteen calls in flight, then four
    "20 parallel plugin nodes → at most 16 in flight; each node called once unless requeued."
    (argo-behaviour.md §W10) Each call takes 1 s.

    Given an agent with the plugin stall
    When Argo executes 20 templates at once, each with the plugin '{"stall": {"seconds": 1}}'
    Then every node is Succeeded with the message "Hello template!"
    And stall was called 20 times
    And at most 16 calls were in flight at once, and at the peak 16 were
