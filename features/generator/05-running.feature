@generator
Feature: Running the generator plugin
  Generator plugins run as a Deployment behind a Service; the suite starts the image with a token
  file at /var/run/argo/token, as the docs' hello plugin reads it.

  @GEN-RUN-01 @must
  Scenario: The plugin starts and answers HTTP on its port
    The plugin comes up and answers HTTP on its port (-Dplugin.port, 4355 by default) within 60 seconds.

    Then the plugin started and answers HTTP on its port

  @GEN-RUN-02 @must
  Scenario: The token never appears in the plugin's logs
    "logging secrets" is among the weaknesses to guard against (seed 003, Security).

    Given a generator plugin started with a fresh token
    When Argo CD reconciles an ApplicationSet with each example
    And getparams.execute is called with its example and the Authorization header "Bearer not-the-token"
    Then the plugin's logs do not contain its token
