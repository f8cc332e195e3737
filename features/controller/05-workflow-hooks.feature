@controller
Feature: Workflow lifecycle hooks
  "View or modify a workflow before or after in is operated on." (seed 002) workflow.preOperate gets
  {"workflow": {"metadata": ...}} before every reconcile and may answer {"workflow": {"metadata": ...}},
  which the controller merges into the Workflow (a JSON merge patch); workflow.postOperate gets
  {"old": ..., "new": ...} after it and answers {} (PR #7255, pkg/plugins/controller/workflow_lifecycle_hook.go).
  These checks apply when the plugin implements the method.

  Background:
    Given a controller plugin started without a token

  @CTRL-PRE-01 @must
  Scenario: workflow.preOperate answers {} or a workflow's metadata
    "The response body contains the result." (seed 002) The controller decodes
    {"workflow": {"metadata": ObjectMeta}} with Go's decoder; an empty body (EOF), another JSON type or a
    field of the wrong type errors the workflow.

    When Argo calls "workflow.preOperate" with each of its example requests
    Then every reply decodes as that method's reply

  @CTRL-PRE-02 @must
  Scenario: A workflow.preOperate patch leaves what the controller owns alone
    "Plugins can mutate a workflow's structure. Consider how your plugin's mutations might break safeguards
    built into your existing workflows." (seed 003, Security) A patch of the workflow's name, namespace,
    uid, resourceVersion, generation, timestamps or of the controller's workflows.argoproj.io/ labels and
    annotations is refused by Kubernetes or makes the controller lose the workflow
    (docs/decisions/0005-controller-plugins.md).

    When Argo calls "workflow.preOperate" with each of its example requests
    Then no workflow.preOperate patch changes what the controller owns

  @CTRL-PRE-03 @should
  Scenario: A workflow.preOperate reply carries metadata only
    The controller's Workflow type holds only metadata (PR #7255, pkg/plugins/controller/workflow.go):
    spec, status and fields ObjectMeta does not have are dropped without a word, so a plugin that sends them
    believes it changed something it did not.

    When Argo calls "workflow.preOperate" with each of its example requests
    Then every workflow.preOperate reply carries ObjectMeta fields only

  @CTRL-POST-01 @must
  Scenario: workflow.postOperate answers a JSON object
    "The response body contains the result." (seed 002) The reply is an empty struct: {} or any object
    will do; an empty body is Go's EOF, and "Other errors will result in an errored workflow." (seed 002)

    When Argo calls "workflow.postOperate" with each of its example requests
    Then every reply decodes as that method's reply
