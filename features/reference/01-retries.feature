@reference
Feature: The reference controller retries a 503
  Argo's agent treats a 503 Service Unavailable as transient and calls again after a backoff of
  1 s, 2 s, 4 s and 8 s, each up to 20 % longer, for at most 5 attempts; once they run out, the
  last error fails the node, and its message is the 503's body (workflow/util/plugin/plugin.go,
  workflow/executor/plugins/rpc/plugin.go). These scenarios run on a real clock.

  @REF-RETRY-01 @argo>=3.4.1
  Scenario: A 503 followed by a reply is retried once and the node succeeds
    "503 | Transient. The error message is the raw response body ... Retried." (argo-behaviour.md §W2.3)

    Given an agent with the plugin flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 1}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to flaky-503 went:
      | attempt | answer |
      | 1       | 503    |
      | 2       | 200    |
    And the gaps between the calls to flaky-503 were:
      | before call | at least | at most |
      | 2           | 1s       | 1.2s    |

  @REF-RETRY-02 @argo>=3.4.1
  Scenario: Five 503s are five attempts, spaced by the backoff, and the last body fails the node
    "At most 5 attempts. The sleep before attempt k+1 is d_k × (1 + U[0,0.2)), with d = 1 s, 2 s,
    4 s, 8 s ... Once the attempts run out, the last transient error is returned. It is then
    treated as fatal." (argo-behaviour.md §W2.1) The one scenario that waits out the whole backoff, 15–18 s.

    Given an agent with the plugin flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 5, "message": "still warming up"}}'
    Then the node is Failed with the message "still warming up"
    And the calls to flaky-503 went:
      | attempt | answer |
      | 1       | 503    |
      | 2       | 503    |
      | 3       | 503    |
      | 4       | 503    |
      | 5       | 503    |
    And the gaps between the calls to flaky-503 were:
      | before call | at least | at most |
      | 2           | 1s       | 1.2s    |
      | 3           | 2s       | 2.4s    |
      | 4           | 4s       | 4.8s    |
      | 5           | 8s       | 9.6s    |

  @REF-RETRY-03 @argo>=3.4.1
  Scenario: Retries are per call: the next template starts again at attempt 1
    The backoff belongs to one call (retry.OnError wraps each Call); a plugin that needed retries
    for one template gets no fewer attempts, and no longer waits, for the next. (argo-behaviour.md §W2.1)

    Given an agent with the plugin flaky-503
    When Argo executes a template whose plugin is '{"flaky": {"failures": 1}}'
    And Argo executes another template whose plugin is '{"flaky": {"failures": 1, "message": "again"}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to flaky-503 went:
      | attempt | answer |
      | 1       | 503    |
      | 2       | 200    |
      | 1       | 503    |
      | 2       | 200    |
    And the gaps between the calls to flaky-503 were:
      | before call | at least | at most |
      | 4           | 1s       | 1.2s    |

  @REF-RETRY-04 @argo>=3.4.1
  Scenario: Five 503s with empty bodies fail the node with an empty message
    "503 | Transient. The error message is the raw response body; an empty body gives an empty
    message." (argo-behaviour.md §W2.3) The backoff here starts at 10 ms instead of 1 s; its shape is
    REF-RETRY-02's.

    Given an agent with the plugin flaky-503
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"flaky": {"failures": 5, "message": ""}}'
    Then the node is Failed with the message ""
    And flaky-503 was called 5 times
