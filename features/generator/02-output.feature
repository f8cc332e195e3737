@generator
Feature: Output Argo CD can use
  Argo CD decodes a 2xx reply into {"output": {"parameters": [map, ...]}} with Go's decoder
  (applicationset/services/plugin/plugin_service.go). What it reads as zero parameter sets it treats
  as "no Applications": existing ones are deleted.

  Background:
    Given a generator plugin started with a fresh token

  @GEN-OUTPUT-01 @must
  Scenario: Every reply is output.parameters, a list of objects
    "The output must always be a list of object maps nested under the output.parameters key in a map."
    (seed 004) Anything else fails the generation: "error listing params: ...".

    When Argo CD reconciles an ApplicationSet with each example
    Then every reply decodes as output.parameters, a list of objects

  @GEN-OUTPUT-02 @must
  Scenario: No reply is silently empty
    An empty body, null, {} or a reply without "output" (a tutorial's {"parameters": [...]}) decodes to
    zero parameter sets without any error, and Argo CD then prunes the ApplicationSet's Applications
    (argo-behaviour.md §CD1.3). An explicit [] is the only way to ask for that.

    When Argo CD reconciles an ApplicationSet with each example
    Then no reply is silently empty

  @GEN-OUTPUT-03 @must
  Scenario: Each example gives its expected parameter sets
    The examples (-Dplugin.examples, the hello generator's by default) state the parameter sets their
    input must produce.

    When Argo CD reconciles an ApplicationSet with each example
    Then every example gives its expected parameter sets

  @GEN-OUTPUT-04 @should
  Scenario: Parameter sets do not use the reserved keys
    "generator.input.parameters and values are reserved keys. If present in the plugin output, these
    keys will be overwritten" (seed 004)

    When Argo CD reconciles an ApplicationSet with each example
    Then no parameter set uses the reserved keys generator or values

  @GEN-OUTPUT-05 @should
  Scenario: Parameter sets flatten without losing keys
    Without goTemplate, Argo CD flattens nested output with dots and drops empty maps and lists (argo-behaviour.md
    §CD4.1): a key with a dot collides, an empty value disappears.

    When Argo CD reconciles an ApplicationSet with each example
    Then every parameter set flattens without losing keys
