@executor
Feature: Answering in time
  Argo's agent gives each exchange 30 seconds (http.Client timeout, workflow/executor/plugins/rpc/
  plugin.go) and calls from 16 task workers at once (ARGO_AGENT_TASK_WORKERS). The run's report gives
  the plugin's cold start and latency percentiles.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-TIME-01 @must
  Scenario: Each of the agent's 16 concurrent calls is answered within 30 seconds
    "Timeout (1s for controller plugins, 30s for executor plugins)." (seed 003) The agent's 16 workers
    call at the same moment; a plugin that serves one call at a time makes the last ones wait.

    When the agent's 16 workers call template.execute with its example at once
    Then every one of those calls is answered within 30 seconds

  @EXEC-TIME-02 @should
  Scenario: Replies are fast
    "Consider a workflows with 100k nodes, and then consider you have 5 plugins ... So we have 500k
    network calls per loop." (seed 003) The 99th percentile of 20 dispatches stays under a second.

    When Argo dispatches its first example 20 times
    Then the 99th percentile reply time is under 1 second
