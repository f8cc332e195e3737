@generator
Feature: Over the whole run
  Last, because these clauses judge everything before them: the plugin's container kept running, and
  every call Argo CD or the suite made in order got an HTTP response.

  @GEN-RUN-03 @must
  Scenario: The plugin keeps running for the whole run
    Argo CD calls the plugin's Service on every reconcile; a plugin that exits or is killed for memory
    fails every ApplicationSet that uses it. The container must still be running, never OOMKilled.

    Given a generator plugin started with a fresh token
    Then the plugin's container is still running, and was never killed for memory

  @GEN-TIME-02 @must
  Scenario: Every call gets an HTTP response within Argo CD's 30 seconds
    Argo CD's client gives a call 30 s (requestTimeout) and does not retry: a dropped connection or a
    stalled call fails the generation ("error listing params"). Judged over every call the run made
    one at a time (the hostile-input and concurrency scenarios judge their own).

    Given a generator plugin started with a fresh token
    When Argo CD reconciles an ApplicationSet with each example
    Then every call of the run got an HTTP response within 30 seconds
