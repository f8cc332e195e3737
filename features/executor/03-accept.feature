@executor
Feature: Executing the plugin's own templates
  For a template that is its own, the plugin replies with the node's result: a phase Argo knows, a
  message and outputs. The examples are the plugin's own (-Dplugin.examples), the hello plugin's by
  default; each runs through the reference agent, requeues included.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-ACCEPT-01 @must
  Scenario: Each example template ends in its expected phase
    "The response body may contain the node's result, including the phase (e.g. "Succeeded" or
    "Failed") and a message." (seed 001)

    When Argo executes each example template
    Then every example ends in its expected phase

  @EXEC-ACCEPT-02 @must
  Scenario: Each example template ends with its expected message
    "The response body may contain the node's result, including the phase ... and a message."
    Argo copies the message onto the node (workflow/controller/taskset.go). (seed 001)

    When Argo executes each example template
    Then every example ends with its expected message

  @EXEC-ACCEPT-03 @must
  Scenario: Output parameters are a list of name and value
    outputs.parameters is a list of {name, value} (pkg/apis/workflow/v1alpha1 Outputs); Argo copies
    the outputs onto the node for later steps to use. (seed 001: foo=bar)

    When Argo executes each example template
    Then every example ends with its expected output parameters
