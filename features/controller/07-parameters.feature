@controller
Feature: Parameters substitution plugins
  "Allow extra placeholders using data from an external system." (seed 002) parameters.add gets
  {"workflow": {"metadata": ...}} whenever a template is processed and answers {"parameters": {"name":
  "value"}}; the controller merges them into the substitution, a later plugin's value winning (PR #7255,
  workflow/controller/parameter_substitution_plugins.go).

  Background:
    Given a controller plugin started without a token

  @CTRL-PARAM-01 @must
  Scenario: parameters.add answers a map of strings
    The reply decodes as {"parameters": map[string]string}: a number, a list or an object as a value is Go's
    "cannot unmarshal" error, and "Other errors will result in an errored workflow." (seed 002)

    When Argo calls "parameters.add" with each of its example requests
    Then every reply decodes as that method's reply

  @CTRL-PARAM-02 @should
  Scenario: Added parameters leave Argo's own variables alone
    Added parameters are merged last, so a key such as workflow.name or inputs.parameters.x would replace
    Argo's own value in every template: "Consider how your plugin's mutations might break safeguards built
    into your existing workflows." (seed 003, Security)

    When Argo calls "parameters.add" with each of its example requests
    Then no added parameter is named like one of Argo's variables
