@executor @cluster
Feature: Running in a Kubernetes cluster
  The cluster tier installs the plugin in a real Kubernetes the way the docs install it, and uses it
  the way Argo's controller does: discovered from its ConfigMap through the Kubernetes API, run as a
  sidecar of an agent pod under its own resources and security context, and called there by the
  agent (workflow/controller/agent.go, argo-behaviour.md §W4 to §W6). -Dplugin.cluster=api runs the scenarios that
  need no kubelet on a kube-apiserver started on this machine (cluster-api/kube-apiserver); those
  tagged @k3s need pods that run, and run with -Dplugin.cluster=k3s, in a k3s container. Where the
  tier's kube-apiserver binary or k3s image is missing, its scenarios are Disabled, not failed.

  @EXEC-CLUSTER-01 @must
  Scenario: The plugin's ConfigMap is accepted and discovered, the workflow namespace's first
    "argo executor-plugin build . / kubectl -n argo apply -f hello-executor-plugin-configmap.yaml";
    "plugins are loaded from: the workflow's namespace; the Argo installation namespace. If two
    plugins have the same name, only the one in the workflow's namespace is loaded." (seed 001,
    Discovery). Argo's code loads both; the suite follows the seed and notes DISCOVERY-01.

    Given the plugin's ConfigMap, built from plugin.yaml, is applied in Argo's namespace and in the workflow's namespace of the cluster
    Then the API server keeps the ConfigMap as built, with its ExecutorPlugin label, in both namespaces
    And Argo's discovery finds the plugin in Argo's namespace and in the workflow's namespace
    And for a workflow in the workflow's namespace Argo's discovery loads the workflow namespace's plugin

  @EXEC-CLUSTER-02 @must
  Scenario: The agent pod is admitted with the plugin's sidecar under its declared resources and security context
    The agent pod gets each plugin's container "verbatim" beside the pod-level securityContext
    runAsNonRoot: true, runAsUser: 8737 (argo-behaviour.md §W6.1, §W6.2). "We made these mandatory, so no one can
    create a plugin that uses an unreasonable amount of memory, or run as root unless they
    deliberately do so" (seed 001). The API server defaults what it stores (a limit becomes the
    missing request, quantities are written canonically): the sidecar must get, by value, what its
    declaration means after that defaulting.

    Given the plugin is installed in the cluster
    When Argo's controller creates the agent pod for a workflow that uses the plugin
    Then the API server admits the agent pod with the plugin's sidecar as its ConfigMap declares it

  @EXEC-CLUSTER-04 @must @k3s
  Scenario: The agent pod starts under the plugin's declared resources and security context
    The kubelet starts the sidecar under the agent pod's securityContext (argo-behaviour.md §W6.2):
    the sidecar runs as 8737 whatever its image's USER, and the kubelet refuses to start a sidecar
    whose own securityContext sets runAsUser: 0.

    Given the plugin is installed in the cluster
    When Argo's controller creates the agent pod for a workflow that uses the plugin
    Then the agent pod becomes Ready within 120 seconds

  @EXEC-CLUSTER-03 @must @k3s
  Scenario: Argo's agent reaches the plugin inside the agent pod
    The agent calls http://localhost:<ports[0].containerPort> from inside the pod, with the token
    the sidecar reads at /var/run/argo/token through its read-only subPath mount (argo-behaviour.md §W1.1, §W1.7).
    "Run this workflow. You'll see the workflow complete successfully." (seed 001)

    Given the plugin runs as a sidecar of an agent pod in the cluster
    When Argo's agent executes each example template through the agent pod
    Then every example executed in the cluster ends in its expected phase
