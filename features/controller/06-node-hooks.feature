@controller
Feature: Node lifecycle hooks
  "View or modify a node before or after it is executed, including writing your own custom templates."
  (seed 002) node.preExecute gets {"workflow", "template", "node"} for every node and may answer
  {"node": NodeResult}; a node it fulfils is not executed. node.postExecute gets {"workflow", "template",
  "old", "new"} and answers {} (PR #7255, pkg/plugins/controller/node_lifecycle_hook.go). "For node lifecycle
  hooks, the node will error." (seed 002, Failure Modes)

  Background:
    Given a controller plugin started without a token

  @CTRL-NODE-01 @must
  Scenario: node.preExecute answers {} or a node result Argo knows
    The reply decodes as {"node": {"phase", "message", "outputs", "progress"}}; a phase, when given, is one
    Argo defines (Pending, Running, Succeeded, Skipped, Failed, Error, Omitted). The examples are a plugin
    node of the docs' hello template, a plugin node of another plugin, a steps node and a dag node.

    When Argo calls "node.preExecute" with each of its example requests
    Then every reply decodes as that method's reply
    And every node.preExecute phase is one Argo knows

  @CTRL-NODE-02 @must
  Scenario: node.postExecute answers a JSON object
    The reply is an empty struct: {} or any object will do; an empty body is Go's EOF, and the node errors.

    When Argo calls "node.postExecute" with each of its example requests
    Then every reply decodes as that method's reply
