@executor
Feature: Running under the manifest
  Argo's agent pod runs the plugin as a sidecar exactly as plugin.yaml describes it: its command and
  args, its port, its resources and its security context (workflow/controller/agent.go). The suite
  starts the image the same way and inspects the running container.

  @EXEC-RUN-01 @must
  Scenario: The plugin starts under its manifest and answers on its first port
    The agent calls http://localhost:<ports[0].containerPort> (argo-behaviour.md §W1.1). The plugin must come up
    under its own limits and user, read its token and answer HTTP on that port within 60 seconds.

    Then the plugin started under its manifest and answers on the manifest's first port

  @EXEC-RUN-02 @must
  Scenario: No process in the container runs as root
    "We made these mandatory, so no one can create a plugin that ... run as root unless they
    deliberately do so" (seed 001). Kubernetes refuses runAsNonRoot only with an explicit runAsUser 0;
    outside Argo's pod nothing stops an image whose USER is root, so the suite looks at the processes.

    Given an executor plugin started with a fresh token
    Then no process in the plugin's container runs as root

  @EXEC-RUN-03 @must
  Scenario: The token never appears in the container's logs
    "logging secrets" is among the weaknesses a plugin must guard against (seed 003, Security); the
    logs are read by anyone who can run kubectl logs on the agent pod.

    Given an executor plugin started with a fresh token
    When Argo executes each example template
    And template.execute is called with its example and the Authorization header "Bearer not-the-token"
    Then the plugin's logs do not contain its token
