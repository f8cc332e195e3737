@controller
Feature: Answering in time
  The controller gives each call 1 second and one attempt (PR #7255: plugins.New(address, time.Second,
  wait.Backoff{Steps: 1})), from its 32 workflow workers at once (--workflow-workers). A call that takes
  longer is an error, not a retry.

  Background:
    Given a controller plugin started without a token

  @CTRL-TIME-01 @must
  Scenario: Each of the controller's 32 concurrent calls is answered within 1 second
    "Timeout (1s for controller plugins, 30s for executor plugins)." (seed 003) The controller's 32 workflow
    workers each call every method at the same moment.

    When the controller's 32 workflow workers call each controller method at once
    Then every one of the controller's calls is answered within 1 second

  @CTRL-LOAD-01 @should
  Scenario: Under the controller's sustained load the plugin stays fast
    "Consider a workflows with 100k nodes, and then consider you have 5 plugins: We'll make num(nodes) x
    num(plugins) calls. So we have 500k network calls per loop." (seed 002, Performance Is Important)
    Scaled down: the 32 workers call the plugin's busiest implemented method for 10 seconds; every call is
    answered within the 1 s timeout and the 99th percentile stays under a quarter of it, 250 ms.

    When the controller's 32 workflow workers call the plugin's busiest method for 10 seconds
    Then every call of the load was answered within 1 second
    And the 99th percentile of the load is under 250 milliseconds
