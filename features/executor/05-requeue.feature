@executor
Feature: Asynchronous execution with requeue
  A plugin that cannot finish at once answers Pending or Running with a requeue, and Argo calls it
  again after that long, with the same request, until it answers a finished phase
  (workflow/executor/agent.go; argo-behaviour.md §W3.3). For plugins whose examples always finish at once, the
  clauses about requeues do not apply.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-REQUEUE-01 @must
  Scenario: A requeue is a Go duration string
    "requeue": "2m" (seeds 000 and 001). metav1.Duration takes a JSON string parsed by Go's
    time.ParseDuration: "30s", "2m", "1h30m". A number, "", "1d" or "2 minutes" fails the node (argo-behaviour.md §W1.5).

    When Argo executes each example template
    Then every requeue in the replies is a Go duration

  @EXEC-REQUEUE-02 @must
  Scenario: A requeued example reaches a finished phase within its bound
    "The task will be re-queued and template.execute will be called again in 2 minutes." (seed 001)
    Requeued calls must end: each example finishes within its `within` bound (2m by default).

    When Argo executes each example template
    Then every requeued example reaches a terminal phase in time

  @EXEC-REQUEUE-03 @must
  Scenario: Running and Pending replies carry a requeue
    "you return "Pending" or "Running" and a re-queue time" (seed 001). Without one Argo never calls
    the plugin again: the node stays Running until the workflow is stopped (argo-behaviour.md §W3.3).

    When Argo executes each example template
    Then every Running or Pending reply carries a requeue

  @EXEC-REQUEUE-04 @should
  Scenario: Finished replies carry no requeue
    Argo ignores a requeue on Succeeded since v3.4.7 but, on purpose, still calls a Failed or Error
    node again when it carries one (PR #10681), overwriting a result the controller already finalised.

    When Argo executes each example template
    Then no finished node's reply carries a requeue
