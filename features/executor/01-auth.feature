@executor
Feature: Executor plugin authentication
  Argo's agent writes a fresh random token to /var/run/argo/token for every agent pod and sends
  "Authorization: Bearer <token>" with every call. A plugin that accepts anything else can be driven
  by any pod that reaches its port.

  Background:
    Given an executor plugin started with a fresh token

  @EXEC-AUTH-01 @must
  Scenario: A call without an Authorization header is refused with 403
    "You should check that the Authorization header contains the same value as /var/run/argo/token.
    Return 403 if not." (seed 001, Executor Plugins)

    When template.execute is called with its example and no Authorization header
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-02 @must
  Scenario: A call with a wrong token is refused with 403
    Wrong tokens include one of the same shape as Argo's (32 characters of its alphabet): checking
    the token's format is not checking the token.
    "You should check that the Authorization header contains the same value as /var/run/argo/token.
    Return 403 if not." (seed 001, Executor Plugins)

    When template.execute is called with its example and the Authorization header "Bearer not-the-token"
    And template.execute is called with its example and the Authorization header "Bearer <well-formed-wrong-token>"
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-03 @must
  Scenario: A call with the right token under another scheme is refused with 403
    The header must equal "Bearer " followed by the token; Basic or Token schemes carrying the same
    string are not Argo's call. (seed 001; workflow/util/plugin/plugin.go sends "Bearer ")

    When template.execute is called with its example and the Authorization header "Basic <token>"
    And template.execute is called with its example and the Authorization header "Token <token>"
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-04 @should
  Scenario: A call with a lower-case "bearer" scheme is refused with 403
    Argo always sends "Bearer" with a capital B and the seed asks for "the same value". RFC 7235
    makes scheme names case-insensitive, so this is a should: an exact comparison is the contract.

    When template.execute is called with its example and the Authorization header "bearer <token>"
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-05 @must
  Scenario: A call with the token followed by more characters is refused with 403
    A prefix comparison (startsWith) lets anyone who learns the token's shape in. The header must
    equal "Bearer " + token exactly. (seed 001) Whitespace after the token is not probed: RFC 9110
    §5.5 strips it from a field value before the plugin sees it (Node, Go and the JDK do).

    When template.execute is called with its example and the Authorization header "Bearer <token>x"
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-06 @must
  Scenario: A call with a prefix of the token is refused with 403
    A comparison that stops at the shorter string accepts a truncated token. (seed 001)

    When template.execute is called with its example and the Authorization header "Bearer <token-prefix>"
    And template.execute is called with its example and the Authorization header "Bearer "
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-07 @must
  Scenario: A very long Authorization header is refused, not served and not a crash
    A 16 KiB bearer value is the wrong token and a test of the plugin's HTTP server. It may be refused
    by the plugin (403) or by its server's header limit (400, 431), never served, never a 5xx.

    When template.execute is called with its example and a bearer value of 16 KiB
    Then the plugin refuses the call with a 4xx status
    And the reply carries no node result

  @EXEC-AUTH-08 @must
  Scenario: A call with the mounted token is served
    The token is the one mounted for this run, fresh and random as Argo's agent makes it; a plugin
    with a built-in token, or one that reads it from anywhere else, refuses it. (seed 001;
    cmd/argoexec/commands/agent.go writes /var/run/argo/token with no trailing newline)

    When template.execute is called with its example and the Authorization header "Bearer <token>"
    Then the plugin does not refuse the call

  @EXEC-AUTH-09 @must
  Scenario: Tokens from documentation and tutorials are refused
    "Is the plugin code itself written securely? ... hard-coded credentials ..." (seed 003,
    Security). A plugin must accept the mounted token and nothing else, not a default kept from an
    example such as "strong-password" (seed 004).

    When template.execute is called with its example and each documented example token
    Then the plugin refuses the call with 403
    And the reply carries no node result

  @EXEC-AUTH-10 @must
  Scenario: Calls without the token are refused whatever their template or method
    "Return 403 if not" (seed 001) holds for every call, not only for the plugin's own templates: a
    plugin that checks the token only where it accepts lets anyone drive its other code paths. For a
    method the plugin does not implement, a 404 from a router that never runs a handler refuses as
    well as a 403; any 2xx serves the call.

    When template.execute is called with a template of another plugin and no Authorization header
    And template.execute is called with a template of another plugin and the Authorization header "Bearer <well-formed-wrong-token>"
    And the method "workflow.preOperate" is called with no Authorization header
    And the method "workflow.preOperate" is called with the Authorization header "Bearer <well-formed-wrong-token>"
    Then the plugin refuses the calls to template.execute with 403 and the others with 403 or 404
    And the reply carries no node result

  @EXEC-AUTH-11 @must
  Scenario: After a 403 the plugin writes nothing more on the connection
    A handler that answers 403 and carries on runs the template for whoever asked and writes a second
    response on the same connection (seed 004's own example does so; seed 001: "Return 403 if not").
    Every refused call of the run is read to the end of its connection: it must show the 403 and
    nothing else.

    When template.execute is called with its example and no Authorization header
    And template.execute is called with its example and the Authorization header "Bearer <well-formed-wrong-token>"
    And template.execute is called with a template of another plugin and no Authorization header
    Then nothing follows the 403 on any refused call's connection in this run
