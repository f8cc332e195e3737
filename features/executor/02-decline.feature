@executor
Feature: Declining what is not the plugin's
  Argo offers every plugin template to every installed plugin, in an order that is effectively
  random, until one accepts (workflow/executor/agent.go). A plugin declines a template that is not
  its own with {} (or null), so the next plugin is asked; a 404 instead disables the plugin for the
  rest of the workflow.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-DECLINE-01 @must
  Scenario: Another plugin's template is declined with {}
    "If the response is {}, then the plugin is saying it cannot execute the plugin template, e.g. it
    is a Slack plugin, but the template is a Tekton job." (seed 001)

    When Argo offers the plugin a template of another plugin
    Then the plugin declines the template

  @EXEC-DECLINE-02 @must
  Scenario: A method the plugin does not implement answers 404 and is never called again
    "You only need to implement the calls you need. Return 404 and it won't be called again."
    (seed 001; workflow/util/plugin/plugin.go remembers the 404 per plugin and method)

    When Argo calls the method "workflow.preOperate"
    Then the plugin answers 404
    And Argo never calls that method again
