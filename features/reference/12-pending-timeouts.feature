@reference
Feature: The reference controller fails a plugin node still Pending past its template's timeouts
  Argo's controller checks a node that is not yet fulfilled at every reconcile: when it is still
  Pending past its template's timeout (since v3.3.0) or pendingTimeout (since v4.1.0, #12762),
  both counted from the node's start, the node fails with the message "timeout" (ErrTimeout). A
  Running node is not affected: the timeout would end a pod through its activeDeadlineSeconds, and
  a plugin node has none. Since v4.1.0 the controller also requeues the workflow for the earliest
  deadline, so the node fails at it; before, at the next reconcile after it
  (workflow/controller/operator.go, checkTemplateTimeouts; argo-history-and-controller-plugins.md D5).

  @REF-PENDING-01 @argo>=3.3.5
  Scenario: A plugin that keeps answering Pending fails the node with "timeout" at the template's timeout
    "Template timeout (since v3.3.0) and pendingTimeout (new in v4.1.0) fail a plugin node that is
    still Pending. The node becomes Failed with message timeout (ErrTimeout)." (history D5) The
    plugin answers Pending with a requeue of 1 s, which Argo follows since v3.3.5.

    Given an agent with the plugin scripted
    When Argo runs the workflow
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: regression-
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - name: job
                  template: job
          - name: job
            timeout: 2s
            plugin:
              scripted:
                replies:
                  - phase: Pending
                    message: waiting for a slot
                    requeue: 1s
      """
    Then the workflow is Failed
    And the step "job" is Failed with the message "timeout"
    And the step "job" went "Pending, Pending, Failed"

  @REF-PENDING-02 @argo>=4.1.0
  Scenario: A plugin whose first answer never arrives fails the node at its pendingTimeout
    "pendingTimeout allows to set the maximum time spent in pending status counting from the node's
    start time." (pkg/apis/workflow/v1alpha1/workflow_types.go, v4.1.0) The plugin stalls for
    30 s; the node fails after 2 s, while the agent's call is still in flight (so no call is
    recorded: the run ends before it does).

    Given an agent with the plugin stall
    When Argo runs the workflow
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: regression-
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - name: job
                  template: job
          - name: job
            pendingTimeout: 2s
            plugin:
              stall:
                seconds: 30
      """
    Then the workflow is Failed
    And the step "job" is Failed with the message "timeout"

  @REF-PENDING-03 @argo>=3.3.5
  Scenario: A Running node outlives its timeout
    "Running nodes are not affected." (history D5) The plugin answers Running twice with a requeue
    of 1 s, then Succeeded, well past the template's 1 s timeout.

    Given an agent with the plugin scripted
    When Argo runs the workflow
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: regression-
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - name: job
                  template: job
          - name: job
            timeout: 1s
            plugin:
              scripted:
                replies:
                  - phase: Running
                    requeue: 1s
                  - phase: Running
                    requeue: 1s
                  - phase: Succeeded
                    message: done
      """
    Then the workflow is Succeeded
    And the step "job" is Succeeded with the message "done"
    And scripted was called 3 times
