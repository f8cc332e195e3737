@controller
Feature: Idempotent, robust and without side effects Argo does not see
  The controller calls on every reconcile and for every node of every reconcile ("It will called multiple
  times", PR #7255, node.preExecute), skips reconciles on a 503 and never sees what a refused or failed
  call did. Anything that reaches the plugin's port can call it: there is no token.

  Background:
    Given a controller plugin started without a token

  @CTRL-IDEM-01 @should
  Scenario: The same call gets the same reply
    node.preExecute "is called when executing a template. It will called multiple times." (PR #7255,
    pkg/plugins/controller/node_lifecycle_hook.go); workflow.preOperate comes before every reconcile. A
    plugin whose reply changes with the number of calls changes the workflow on every reconcile.

    When Argo calls each implemented method with each of its example requests
    And Argo repeats each of those calls 3 times
    Then every repeat got the same reply

  @CTRL-IDEM-02 @should
  Scenario: Calls Argo discards change nothing
    "Transient errors are ignored, and reconciliation aborted." (seed 002) A call the controller gave up on,
    a 404, a refused body: the controller acts as if it never happened, so the plugin must not carry it into
    later replies.

    When Argo calls each implemented method with each of its example requests
    And the plugin receives each request of the hostile-input catalogue
    And Argo calls each implemented method with each of its example requests again
    Then the replies are the same as before

  @CTRL-HOSTILE-01 @should
  Scenario: Malformed requests get an answer below 500
    "The plugin should guard against all the usual relevant vulnerabilities" (seed 003, Security), and a
    controller plugin has no token to turn strangers away. The catalogue's labelled requests (malformed
    JSON, wrong shapes, multi-MB bodies, deep nesting, NUL and invalid UTF-8, wrong framing and
    Content-Types, odd methods and paths), sent to node.preExecute, each get a status below 500.

    When the plugin receives each request of the hostile-input catalogue
    Then every hostile request is answered with a status below 500

  @CTRL-TRANSIENT-01 @should
  Scenario: A 503 passes
    "503 error - considered a transient error." (seed 003) "Transient errors are ignored, and reconciliation
    aborted." (seed 002) A plugin that keeps answering 503 stops every workflow for good. Calls answered
    503 are repeated 5 times, a second apart, as the controller's next reconciles would; one must pass.

    When Argo calls each controller method
    Then every call answered 503 passes within 5 more tries
