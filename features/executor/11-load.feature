@executor
Feature: Holding up under load
  Last, because a plugin that falls over here cannot be checked for anything after it.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-LOAD-01 @should
  Scenario: Under the agent's concurrent calls the plugin keeps answering within its limits
    "Performance Is Important ... 500k network calls per loop." (seed 003) The agent's 16 workers call
    for 10 seconds; every call is answered and the container is not killed for memory.

    When the agent's 16 workers call the plugin with its examples for 10 seconds
    Then every call of the load was answered
    And the plugin's container was not killed for memory
