@controller
Feature: The methods a plugin implements, and the ones it does not
  The controller calls every plugin with every method: workflow.preOperate and workflow.postOperate around
  each reconcile, node.preExecute and node.postExecute around each node, parameters.add for each template
  (PR #7255). "You only need to implement the calls you need. Return 404 and it won't be called again."
  (seed 002)

  Background:
    Given a controller plugin started without a token

  @CTRL-DECLINE-01 @must
  Scenario: Every method is answered 200 or 404, and a 404 is never called again
    "You only need to implement the calls you need. Return 404 and it won't be called again." (seed 002)
    "4xx or 5xx error: 404 error - endpoint will not be invoked again. 503 error - considered a transient
    error. ... all other errors are considered fatal" (seed 003): any other status errors the node or the
    workflow, on every call. A method a later Argo may add is answered 404 too.

    When Argo calls each controller method
    And Argo calls each controller method again
    And Argo calls the controller method "workflow.preDelete"
    Then every method is answered 200 or 404
    And a method answered 404 is never called again

  @CTRL-ACCEPT-01 @must
  Scenario: At least one method is implemented at Argo's path
    "The path is the RPC method name." (seed 002) The controller posts to /api/v1/<method>
    (workflow.preOperate, ...), as the docs at the PR's head show; seed 002's own examples use
    /workflow.preOperate and /WorkflowLifecycleHook.WorkflowPreOperate (compatibility note CTRL-PATH-01). A
    plugin that answers 404 to all five is never called again and does nothing.

    When Argo calls each controller method
    Then at least one method is answered 200

  @CTRL-ACCEPT-02 @must
  Scenario: A workflow runs with the plugin installed and the plugin errors nothing
    "Other errors will result in an errored workflow." (seed 002, Failure Modes) The reference controller
    runs a workflow of steps, a dag and plugin nodes with the plugin as its only controller plugin (an
    executor plugin of the suite's does the plugin nodes the plugin leaves alone): the workflow must end,
    and no node and not the workflow may end in Error because of a call to the plugin.

    When Argo runs a workflow with the plugin installed
    Then the workflow ended without an error from the plugin
