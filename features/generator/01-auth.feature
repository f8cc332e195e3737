@generator
Feature: Generator plugin authentication
  Argo CD sends "Authorization: Bearer <token>" with the token resolved from the plugin's ConfigMap
  and Secret (applicationset/services/internal/http/client.go). The plugin compares it with the one
  it reads from a file; anything else gets a 403 and nothing more.

  Background:
    Given a generator plugin started with a fresh token

  @GEN-AUTH-01 @must
  Scenario: A call without an Authorization header is refused with 403
    "You should check that the Authorization header contains the same bearer value as
    /var/run/argo/token. Return 403 if not" (seed 004)

    When getparams.execute is called with its example and no Authorization header
    Then the plugin refuses the call with 403
    And the reply carries no parameter sets

  @GEN-AUTH-02 @must
  Scenario: A call with a wrong token is refused with 403
    "You should check that the Authorization header contains the same bearer value as
    /var/run/argo/token. Return 403 if not" (seed 004) — for a wrong token, a token of the right shape,
    a prefix of the token, the token with more after it, and another scheme.

    When getparams.execute is called with its example and the Authorization header "Bearer not-the-token"
    And getparams.execute is called with its example and the Authorization header "Bearer <well-formed-wrong-token>"
    And getparams.execute is called with its example and the Authorization header "Bearer <token-prefix>"
    And getparams.execute is called with its example and the Authorization header "Bearer <token>x"
    And getparams.execute is called with its example and the Authorization header "Basic <token>"
    Then the plugin refuses the call with 403
    And the reply carries no parameter sets

  @GEN-AUTH-03 @must
  Scenario: After a 403 the plugin writes nothing more on the connection
    The docs' own example calls forbidden() and carries on: it writes a 200 with parameters after the
    403 on the same connection (seed 004; the hello-plugin repository fixed it). Read to the end of the
    connection, a refused call must show the 403 and nothing else.

    When a call with a wrong token is sent on a connection the suite reads to its end
    Then nothing follows the 403 on that connection

  @GEN-AUTH-04 @must
  Scenario: Argo CD's call with the right token is served
    Argo CD resolves "$plugin.conformance.token" from the argocd-secret Secret and sends it as a bearer
    token; the plugin serves it (seed 004, "Store credentials").

    When Argo CD reconciles an ApplicationSet with each example
    Then Argo CD's calls were served
