@executor
Feature: Idempotent and concurrent
  The request carries no node ID (argo-behaviour.md §W1.3): Argo sends the same body again on every requeue and
  after an agent restart, and calls from 16 workers at once.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-IDEMP-01 @should
  Scenario: Repeating a finished call gives the same answer
    "The plugin is re-called with the same request body. It must be idempotent and look up its
    external job by something in the template or workflow metadata." (argo-behaviour.md §W3.3)

    When Argo executes each example template
    And Argo repeats each example's last call 3 times
    Then every repeat gives the same node result

  @EXEC-CONC-01 @must
  Scenario: Parallel calls with different inputs each get their own answer
    Argo's agent runs up to 16 tasks at once; issue #9685 ("concurrent map read and map write") shows
    they do. Examples that declare `concurrency` are run 8 times at once, each with its own value.

    When Argo executes each example that declares concurrency 8 times at once, each with its own value
    Then every run's output carries its own value
