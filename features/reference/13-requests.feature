@reference
Feature: The reference controller sends the request Argo has sent since v3.4.2
  The request's shape changed twice after plugins were released in v3.3.0: v3.3.1 added the
  Authorization and Content-Type headers (#8147), and v3.4.2 added namespace and uid to the
  workflow's metadata (#9784), which had held only the name. The reference controller sends the
  current request; these scenarios say since when a plugin may rely on each part of it
  (pkg/plugins/executor/objectmeta.go, workflow/executor/agent.go; argo-history-and-controller-plugins.md
  D2, D3, §2.1).

  @REF-REQUEST-01 @argo>=3.3.1
  Scenario: Every call carries the agent's token as a Bearer token, and Content-Type application/json
    "Authorization: Bearer <32-char token> (file /var/run/argo/token ...); Content-Type:
    application/json" since v3.3.1; v3.3.0 sent neither (history §2.1). A plugin that checks the
    token, as every plugin must, refuses every call of Argo v3.3.0.

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Succeeded", "message": "done"}]}}'
    Then the node is Succeeded with the message "done"
    And every call to scripted carried the header "Content-Type: application/json"
    And every call to scripted carried the header "Authorization: Bearer <the agent's token>"

  @REF-REQUEST-02 @argo>=3.4.2
  Scenario: The workflow's metadata holds its name, namespace and uid
    All three metadata keys are always present since v3.4.2; before it, workflow.metadata was
    {"name":…} only, without namespace or uid (argo-behaviour.md §W1.3, §W11). A
    plugin that reads namespace or uid is compatible with Argo from v3.4.2 only.

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Succeeded", "message": "done"}]}}'
    Then the node is Succeeded with the message "done"
    And every call to scripted sent workflow.metadata with exactly the keys "name, namespace, uid"
