@controller
Feature: Running the controller plugin
  Controller plugins were proposed in Argo Workflows PR #7255 and never released; the suite calls them as
  that PR's controller did (docs/decisions/0005-controller-plugins.md). A controller plugin runs as a
  sidecar of the workflow-controller Deployment and gets no token: the suite starts the image without one.

  @CTRL-RUN-01 @must
  Scenario: The plugin starts and answers HTTP on its port
    "To be able to invoke a plugin, the plugin must be accessible from the controller via HTTP." (seed 002,
    A Simple Python Plugin) The plugin answers HTTP on its port (-Dplugin.port, 4355 by default) within 60
    seconds.

    Then the plugin started and answers HTTP on its port
