@executor
Feature: Replies Argo can use
  Argo's agent decodes every 200 reply with Go's json.Decoder into {"node": NodeResult, "requeue":
  Duration} (workflow/util/plugin/plugin.go). What it cannot decode, or any status but 200, 404 and
  503, fails the node with the error's text. These clauses hold for every reply to Argo's calls,
  declines included.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-REPLY-01 @must
  Scenario: Every reply has a body
    An empty 200 body is io.EOF to Go's decoder, which is not transient: the node fails with the
    message "EOF" (argo-behaviour.md §W1.6). Decline with {} and accept with a node; never answer with nothing.

    When Argo executes each example template
    And Argo offers the plugin a template of another plugin
    Then every reply to Argo has a body

  @EXEC-REPLY-02 @must
  Scenario: Every reply decodes as a template.execute reply
    Non-JSON, a top-level array or a field of the wrong type (outputs.parameters as a map, a phase as
    a number) is a decode error, and the node fails with Go's message (argo-behaviour.md §W1.4, §W1.6).

    When Argo executes each example template
    And Argo offers the plugin a template of another plugin
    Then every reply to Argo decodes as a template.execute reply

  @EXEC-REPLY-03 @must
  Scenario: Every node phase is one Argo knows
    The phases are Pending, Running, Succeeded, Skipped, Failed, Error and Omitted
    (pkg/apis/workflow/v1alpha1/workflow_types.go). Nothing validates the string: an unknown phase is
    stored as is and the node is neither running nor done.

    When Argo executes each example template
    Then every node phase in the replies is one Argo knows

  @EXEC-REPLY-04 @must
  Scenario: Every handled call is answered with 200
    "Other 4xx/5xx errors - considered fatal." (seed 001). Argo's client decodes only a 200: a 201 or
    204 is as fatal as a 500 ("<status>: <body>" on the node); 503 is retried, then fatal.

    When Argo executes each example template
    And Argo offers the plugin a template of another plugin
    Then every reply to Argo has status 200

  @EXEC-REPLY-06 @should
  Scenario: Output parameter values are strings
    Argo decodes each output value as an AnyString (pkg/apis/workflow/v1alpha1/anystring.go): a string
    as is, a number or a boolean turned into its text, and an object, an array or null into "" with no
    error. A structured value is lost without a word; send it as a JSON string instead.

    When Argo executes each example template
    Then every output parameter value in the replies is a string
