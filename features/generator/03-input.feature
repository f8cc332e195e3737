@generator
Feature: Inputs Argo CD sends
  input.parameters is a map whose values may be any JSON; it is omitted when empty; inside a matrix
  it is templated from the other generator's parameter sets, one call per set (argo-behaviour.md §CD1.1, §CD4.5).

  Background:
    Given a generator plugin started with a fresh token

  @GEN-INPUT-01 @must
  Scenario: Input values of every JSON type are accepted
    "input.parameters is a map, but values may be any type." (seed 004: strings, a list, a boolean, a map)
    Each example's own input gets extra keys of every JSON type. A plugin may refuse an input it does
    not take with a 4xx whose body says why (Argo CD shows it on the ApplicationSet); it must not
    crash, drop the call or answer something Argo CD cannot read.

    When Argo CD reconciles an ApplicationSet with each example's input plus a string, a number, a boolean, a list, a map and a null
    Then the plugin answered every call with parameter sets or a documented refusal

  @GEN-INPUT-02 @must
  Scenario: A call without input parameters is accepted
    input.parameters carries omitempty: with none, Argo CD sends {"applicationSetName": "...", "input": {}}
    (applicationset/services/plugin/plugin_service.go).

    When Argo CD reconciles an ApplicationSet without input parameters
    Then the plugin answered every call with parameter sets or a documented refusal

  @GEN-INPUT-03 @must
  Scenario: In a matrix the plugin is called once per upstream set with its templated input
    "The generator plugin would then perform 2 requests" (seed 004, "With matrix and pull request"):
    one per parameter set of the first generator, in the same reconcile, each with its own input. The
    first example's `matrix` says how a list templates into its input; without one, its own input
    plus one key templated from a two-element list.

    When Argo CD reconciles a matrix of a two-element list generator and the plugin, templated from the list
    Then the plugin was called once for each list element, with the input templated from it
