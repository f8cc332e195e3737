@executor
Feature: Over the whole run
  After every other clause but the load (which judges its own), because these judge everything before
  them: the plugin's container kept running, and every call Argo or the suite made in order got an
  HTTP response. A plugin that fails either is reported here once; what it made uncheckable elsewhere
  is blocked by it, not failed beside it.

  @EXEC-RUN-04 @must
  Scenario: The plugin keeps running under its limits for the whole run
    Argo's agent pod runs the plugin as a sidecar for the whole workflow (workflow/controller/agent.go);
    a sidecar that exits or is killed for memory under its own limits fails every later call of it.
    The container must still be running, never restarted, never OOMKilled. (seed 001, resources)

    Given an executor plugin started with a fresh token
    Then the plugin's container is still running, and was never killed for memory

  @EXEC-REPLY-05 @must
  Scenario: Every call gets an HTTP response within the agent's 30 seconds
    "Connection/socket error - considered transient. Timeout - considered transient." (seed 001) Argo
    retries them five times and then fails the node with the transport's error; a plugin must answer
    every call, a refusal included, with an HTTP response. Judged over every call the run made one at a
    time (the load and hostile-input scenarios judge their own).

    Given an executor plugin started with a fresh token
    When Argo executes each example template
    And Argo offers the plugin a template of another plugin
    Then every call of the run got an HTTP response within 30 seconds
