@controller
Feature: How the controller finds the plugin
  "The controller needs to be able discover its plugins. To do this create a config map" (seed 002). The
  controller reads ConfigMaps labelled workflows.argoproj.io/configmap-type: ControllerPlugin in its own
  namespace only, and calls data.address (PR #7255, workflow/controller/controller.go). These checks read
  the sample's ControllerPlugin ConfigMap, or -Dplugin.manifest; without one they do not apply.

  @CTRL-DISC-01 @must @static
  Scenario: The ConfigMap is labelled ControllerPlugin and names an http address
    "labels: workflows.argoproj.io/configmap-type: ControllerPlugin ... data: address: http://localhost:4355"
    (seed 002) A ConfigMap without the label is never seen; one without an http data.address cannot be called.

    Given the plugin's ControllerPlugin ConfigMap
    Then the ConfigMap is labelled workflows.argoproj.io/configmap-type: ControllerPlugin
    And its data.address is an http URL with a host and a port

  @CTRL-DISC-02 @should @static
  Scenario: The address is the controller pod's localhost
    "The best way to do this is to start the plugins as a sidecar container in the workflow controller"
    (seed 002). The controller sends no token (docs/decisions/0006-controller-plugins-get-no-token.md), so a
    plugin reached at any other address is reachable, unauthenticated, by whatever else reaches that address.

    Given the plugin's ControllerPlugin ConfigMap
    Then its data.address is http://localhost or http://127.0.0.1 with a port
