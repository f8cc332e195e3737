@reference
Feature: The reference controller runs a steps workflow over real plugins
  The whole path at once: the runner's controller side (steps, parameters, node phases) and its
  agent (plugin order, the 404 memory, declines, retries, requeues), against four fault plugins
  in one agent. One agent serves the whole workflow, as one agent pod does in Argo (argo-behaviour.md §W2.4,
  §W2.5, §W3.3).

  @REF-WF-01 @argo>=3.4.1
  Scenario: A steps workflow succeeds through a 404, declines, a 503 and a requeue
    "404 from plugin A → A is never called again in this agent, and templates go straight to B";
    "503 then 200 → success after 2 calls"; "Running + 2s → re-called" (argo-behaviour.md §W10)

    Given an agent with the plugins not-found, status, flaky-503, scripted
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
              - - name: warm-up
                  template: warm-up
              - - name: job
                  template: job
                  arguments:
                    parameters:
                      - name: foo
                        value: "{{steps.warm-up.outputs.parameters.foo}}"
          - name: warm-up
            plugin:
              flaky:
                failures: 1
          - name: job
            inputs:
              parameters:
                - name: foo
            plugin:
              scripted:
                replies:
                  - phase: Running
                    requeue: 1s
                  - phase: Succeeded
                    message: "job done with foo={{inputs.parameters.foo}}"
      """
    Then the workflow is Succeeded
    And the step "warm-up" is Succeeded with the message "Hello template!"
    And the step "job" is Succeeded with the message "job done with foo=bar"
    And the step "job" went "Pending, Running, Succeeded"
    And not-found was called 1 time
    And status was called 3 times
    And flaky-503 was called 4 times
    And scripted was called 2 times

  @REF-WF-02
  Scenario: A step whose plugin fails fails the workflow, and later steps never run
    "Plugin errors → Failed ... A plugin node in Failed or Error then behaves like any other node"
    (argo-behaviour.md §W2.7)

    Given an agent with the plugins status, flaky-503
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
              - - name: greet
                  template: greet
              - - name: boom
                  template: boom
              - - name: never
                  template: greet
          - name: greet
            plugin:
              flaky:
                failures: 0
          - name: boom
            plugin:
              status:
                code: 500
                body: boom
      """
    Then the workflow is Failed
    And the step "greet" is Succeeded with the message "Hello template!"
    And the step "boom" is Failed with the message "500 Internal Server Error: boom"
    And the workflow has no step "never"
    And status was called 2 times
    And flaky-503 was called 1 time

  @REF-WF-03 @argo>=3.3.10/3.4.4
  Scenario: A plugin step's outputs.result reaches the next step
    "v3.3.10 | #9967 | outputs.result / outputs.exitCode accepted from plugins" (history §2.1):
    Template.HasOutput counts plugin templates only since #9967 (v3.3.10 on 3.3, v3.4.4 on 3.4; not
    in v3.4.0 to v3.4.3), so before it a workflow could not refer to a plugin step's
    {{steps.<name>.outputs.result}}.

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
              - - name: answer
                  template: answer
              - - name: use
                  template: use
                  arguments:
                    parameters:
                      - name: r
                        value: "{{steps.answer.outputs.result}}"
          - name: answer
            plugin:
              scripted:
                replies:
                  - phase: Succeeded
                    message: answered
                    outputs:
                      result: "42"
          - name: use
            inputs:
              parameters:
                - name: r
            plugin:
              scripted:
                replies:
                  - phase: Succeeded
                    message: "the answer is {{inputs.parameters.r}}"
      """
    Then the workflow is Succeeded
    And the step "use" is Succeeded with the message "the answer is 42"
