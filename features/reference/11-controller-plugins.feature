@reference @argo-unreleased
Feature: The reference controller calls controller plugins as PR #7255's controller did
  Controller plugins were never released; the reference controller calls them as the closed PR #7255
  did: POST /api/v1/<method>, no Authorization and no Content-Type, 1 s and one attempt, a 404
  remembered for the ConfigMap's life, workflow hooks around each reconcile, node hooks around each
  node (docs/decisions/0005-controller-plugins.md). The plugins are the hello controller sample and
  the broken controller samples, real containers.

  @REF-CTRL-01
  Scenario: The hello controller plugin completes its nodes; no executor plugin is needed
    "node.preExecute ... If the returned status is fulfilled, then the controller will short-circuit
    execution." (PR #7255, pkg/plugins/controller/node_lifecycle_hook.go)

    Given the controller plugin "hello-controller"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: controller-
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - name: greet
                  template: hello
          - name: hello
            plugin:
              hello: { }
      """
    Then the workflow is Succeeded
    And the step "greet" is Succeeded with the message "Hello workflow!"
    And the workflow has the annotation "hello" with "good morning"
    And every controller plugin call went without Authorization or Content-Type
    And the run carries the compatibility note CTRL-PATH-01

  @REF-CTRL-02
  Scenario: parameters.add feeds the substitution of the template sent to an executor plugin
    "Returned keys are merged into the substitution map, so {{hello}} resolves" (argo-behaviour.md §W7.2)

    Given an agent with the plugin scripted
    And the controller plugin "hello-controller"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: controller-
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - name: job
                  template: job
          - name: job
            plugin:
              scripted:
                replies:
                  - phase: Succeeded
                    message: "{{hello}}, from the executor plugin"
      """
    Then the workflow is Succeeded
    And the step "job" is Succeeded with the message "good morning, from the executor plugin"

  @REF-CTRL-03
  Scenario: A 404 is remembered across workflows while the ConfigMap lives
    "404 → method not found, never calling again, remembered for the ConfigMap's lifetime, controller-wide."
    (docs/decisions/0005-controller-plugins.md, row 8)

    Given the controller plugin "hello-controller"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: first-}
      spec:
        entrypoint: main
        templates: [{name: main, plugin: {hello: {}}}]
      """
    And Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: second-}
      spec:
        entrypoint: main
        templates: [{name: main, plugin: {hello: {}}}]
      """
    Then the workflow is Succeeded
    And workflow.postOperate was called 1 time in all
    And node.postExecute was called 1 time in all
    And workflow.preOperate was called 2 times in all

  @REF-CTRL-04
  Scenario: A node hook's error errors the node, with Go's error text
    "For node lifecycle hooks, the node will error." (seed 002) The stubs answer 500 to
    node.postExecute, and the node that just succeeded ends in Error.

    Given the controller plugin "broken/controller/stubs-answer-500"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: controller-}
      spec:
        entrypoint: main
        templates:
          - name: main
            steps: [[{name: greet, template: hello}]]
          - name: hello
            plugin: {hello: {}}
      """
    Then the workflow is Error
    And the step "greet" is Error with the message "500 Internal Server Error: {\"message\": \"not implemented\"}"

  @REF-CTRL-05
  Scenario: A node hook slower than 1 s is given up after 1 s, once, and the node errors
    "Timeout (1s for controller plugins, 30s for executor plugins)." (seed 003) wait.Backoff{Steps: 1}: one
    attempt.

    Given the controller plugin "broken/controller/slow-replies"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: controller-}
      spec:
        entrypoint: main
        templates:
          - name: main
            steps: [[{name: greet, template: hello}]]
          - name: hello
            plugin: {hello: {}}
      """
    Then the workflow is Error
    And the node.preExecute call was given up after 1 second, once

  @REF-CTRL-06
  Scenario: A workflow hook's error errors the workflow before any node runs
    "Other errors will result in an errored workflow." (seed 002) The plugin wants a token the
    controller never sends: workflow.preOperate gets 403.

    Given the controller plugin "broken/controller/requires-a-token"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: controller-}
      spec:
        entrypoint: main
        templates: [{name: main, plugin: {hello: {}}}]
      """
    Then the workflow is Error
    And the workflow's message is "403 Forbidden: "
    And the workflow has no nodes

  @REF-CTRL-07
  Scenario: A preOperate patch of the controller's own label stops the workflow where Argo would lose it
    Argo merges the reply into the Workflow; the controller owns workflows.argoproj.io/phase
    (docs/decisions/0005-controller-plugins.md, CTRL-PRE-02).

    Given the controller plugin "broken/controller/rejects-with-phase-label"
    When Argo runs the workflow with its controller plugins
      """yaml
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: controller-}
      spec:
        entrypoint: main
        templates: [{name: main, plugin: {hello: {}}}]
      """
    Then the workflow is stuck, Running, with a message naming "metadata.labels.workflows.argoproj.io/phase"
