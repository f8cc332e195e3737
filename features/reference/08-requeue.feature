@reference
Feature: The reference controller calls again after a requeue, and only then
  A reply's requeue makes the agent forget it considered the node and hand it the same task again
  after that long; a Succeeded node is never requeued; a Pending or Running reply without a
  requeue is never followed by another call (workflow/executor/agent.go; argo-behaviour.md §W3.2, §W3.3).
  These scenarios run on a real clock with 1 s requeues.

  @REF-REQUEUE-01 @argo>=3.3.5
  Scenario: Running with a requeue is called again, with the same request, until it succeeds
    "node.phase ∈ {Pending, Running} and requeue > 0 | yes | yes, after requeue" (argo-behaviour.md §W3.3); "The
    plugin is re-called with the same request body." (argo-behaviour.md §W3.3)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Running", "requeue": "1s"}, {"phase": "Running", "requeue": "1s"}, {"phase": "Succeeded", "message": "done"}]}}'
    Then the node is Succeeded with the message "done"
    And the agent reported the node as "Running, Running, Succeeded"
    And scripted was called 3 times
    And the calls to scripted were 1s to 1.5s apart
    And every call to scripted sent the same request body

  @REF-REQUEUE-02
  Scenario Outline: Running with <requeue> is called once and stays Running
    "Pending/Running with requeue missing, null, "0s" or negative | yes, once | never. The nodeID
    stays considered forever. The node stays Pending/Running" (argo-behaviour.md §W3.3) A second call would come
    after a second at the latest, were any of these taken for a requeue.

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Running", "message": "started"<field>}, {"phase": "Succeeded"}]}}'
    Then the node is Running with the message "started"
    And scripted was called 1 time
    And no further call arrives within 1.5s

    Examples: the spec's list
      | requeue            | field              |
      | no requeue         |                    |
      | a null requeue     | , "requeue": null  |
      | a requeue of "0s"  | , "requeue": "0s"  |
      | a requeue of "-1s" | , "requeue": "-1s" |

  @REF-REQUEUE-03 @argo>=3.4.7
  Scenario: A Succeeded reply's requeue is ignored
    "node.phase=Succeeded, any requeue | yes | no: requeue is ignored (since v3.4.7)" (argo-behaviour.md §W3.3)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Succeeded", "message": "done", "requeue": "1s"}]}}'
    Then the node is Succeeded with the message "done"
    And scripted was called 1 time
    And no further call arrives within 1.5s

  @REF-REQUEUE-04 @argo>=3.3.5
  Scenario: A Failed reply with a requeue is called again
    "Failed/Error/Skipped/Omitted/unknown phase, with requeue > 0 | yes | yes, even though the
    controller has already finalised the node. PR #10681 left this deliberately" (argo-behaviour.md §W3.3)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Failed", "message": "gave up", "requeue": "1s"}]}}' until scripted has been called 2 times
    Then scripted was called 2 times
    And the calls to scripted were 1s to 1.5s apart

  @REF-REQUEUE-05 @argo>=3.3.5
  Scenario: A node without a phase is polled silently
    "node present with phase:"" and requeue > 0 | no (empty phase is not sent) | yes: a silent
    poll" (argo-behaviour.md §W3.3)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "", "message": "polling", "requeue": "1s"}, {"phase": "Succeeded", "message": "done"}]}}'
    Then the node is Succeeded with the message "done"
    And the agent reported the node as "Succeeded"
    And scripted was called 2 times
