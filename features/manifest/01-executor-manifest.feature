@executor @static
Feature: The executor plugin manifest
  plugin.yaml becomes the ConfigMap Argo discovers (argo executor-plugin build). The YAML must parse
  strictly (unknown fields are errors) or nothing else can be checked; these clauses are what Argo
  validates and what the seeds ask beyond it.

  Background:
    Given the plugin's manifest

  @EXEC-MANIFEST-01 @must
  Scenario: The manifest passes Argo's sidecar validation
    "sidecar is invalid: at least one port is mandatory" / "resources requests are mandatory" /
    "resources limits are mandatory" / "security context is mandatory" (pkg/plugins/spec/
    plugin_types.go, in that order).

    Then the manifest passes Argo's sidecar validation

  @EXEC-MANIFEST-02 @must
  Scenario: Resources request and limit both cpu and memory
    "We made these mandatory, so no one can create a plugin that uses an unreasonable amount of
    memory" (seed 001). Argo checks only that the keys exist; an empty limits map limits nothing.

    Then the manifest requests and limits both cpu and memory, with requests no larger than limits

  @EXEC-MANIFEST-03 @must
  Scenario: The security context sets runAsNonRoot
    "securityContext: runAsNonRoot: true" (seed 001). Argo's agent pod also sets runAsUser 8737 for the
    whole pod, so the kubelet refuses only a sidecar that asks for runAsUser 0 itself (decision 0004).

    Then the manifest's security context sets runAsNonRoot to true

  @EXEC-MANIFEST-04 @should
  Scenario: The port is not a common one
    "Don't use common ports such as 80, 443, 8080, 8081, 8443." (seed 001)

    Then the manifest's first port is not one of 80, 443, 8080, 8081, 8443
