@reference
Feature: The reference controller gives up on a stalled call and retries it
  Argo's client has one 30 s timeout for the whole exchange, reading the body included. A
  timeout is transient, so it is retried with the backoff (workflow/executor/plugins/rpc/plugin.go;
  argo-behaviour.md §W2.1, §W2.2). So that no scenario waits 30 s, the client timeout is shortened here with the
  reference controller's PluginClient.Builder.timeout(...); everything else is Argo's.

  @REF-TIMEOUT-01
  Scenario: A call with no answer within the timeout is abandoned and retried
    "Temporary() == true. This includes Go client timeouts, such as ... (Client.Timeout exceeded
    while awaiting headers)" (argo-behaviour.md §W2.2); "A 31 s stall counts as transient and is retried" (argo-behaviour.md
    §W10), here a 3 s stall past a 1 s timeout.

    Given an agent with the plugin stall
    And its client timeout is shortened to 1s
    When Argo executes a template whose plugin is '{"stall": {"seconds": 3, "times": 1}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to stall went:
      | attempt | answer      |
      | 1       | no response |
      | 2       | 200         |
    And attempt 1 to stall lasted 1s to 1.3s

  @REF-TIMEOUT-02
  Scenario: A body that stalls past the timeout is abandoned and retried
    "It covers the whole exchange, including reading the body." (argo-behaviour.md §W2.1) "... and ... while
    reading body" is a transient timeout (argo-behaviour.md §W2.2). The plugin sends its headers and half its
    reply, then stalls for 3 s.

    Given an agent with the plugin stall
    And its client timeout is shortened to 1s
    When Argo executes a template whose plugin is '{"stall": {"seconds": 3, "times": 1, "during": "body"}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to stall went:
      | attempt | answer              |
      | 1       | 200, body cut short |
      | 2       | 200                 |
    And attempt 1 to stall lasted 1s to 1.3s

  @REF-TIMEOUT-03
  Scenario: A plugin that never answers fails the node with Go's timeout message
    "Worst case for one plugin call: 5 × 30 s + 18 s" (argo-behaviour.md §W2.1), here 5 × 500 ms with a backoff
    starting at 10 ms; the last timeout fails the node.

    Given an agent with the plugin stall
    And its client timeout is shortened to 500ms
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"stall": {"seconds": 30}}'
    Then the node is Failed with the message 'Post "<address of stall>/api/v1/template.execute": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
    And stall was called 5 times

  @REF-TIMEOUT-04
  Scenario: A slow answer within Argo's 30 s timeout is one call and no error
    "HTTP timeout is 30 s" (argo-behaviour.md §W2.1): a plugin that takes 2 s is not timed out, not retried.

    Given an agent with the plugin stall
    When Argo executes a template whose plugin is '{"stall": {"seconds": 2}}'
    Then the node is Succeeded with the message "Hello template!"
    And stall was called 1 time
    And attempt 1 to stall lasted 2s to 3s
