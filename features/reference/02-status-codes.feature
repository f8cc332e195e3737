@reference
Feature: The reference controller fails a node on any other status at once
  Only 200 is decoded, only 404 is remembered and only 503 is retried. Every other status is
  fatal, never retried, and fails the node with Go's "<status>: <body>", the status being the code
  and the reason phrase the plugin sent (workflow/util/plugin/plugin.go; argo-behaviour.md §W2.3).

  @REF-STATUS-01
  Scenario: A 500 "boom" fails the node with "500 Internal Server Error: boom" after one call
    "anything else ... Fatal, not retried. Error text "<resp.Status>: <body>", e.g. ... 500 Internal
    Server Error: boom" (argo-behaviour.md §W2.3); "500 boom → Failed with 500 Internal Server Error: boom, exactly
    1 call" (argo-behaviour.md §W10)

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": 500, "body": "boom"}}'
    Then the node is Failed with the message "500 Internal Server Error: boom"
    And status was called 1 time

  @REF-STATUS-02
  Scenario Outline: A <code> is fatal too: one call, and the node fails with its status line and body
    "anything else: 201, 204, 3xx not auto-followed, 400, 401, 403, 429, 500, 502, 504, … | Fatal,
    not retried." "429, 502 and 504 are not retried. Only 503 is." (argo-behaviour.md §W2.3) A 201 carrying a
    node is no success: only 200 is decoded.

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": <code>, "body": <body>}}'
    Then the node is Failed with the message '<status>: <text>'
    And status was called 1 time

    Examples: the statuses the spec lists
      | code | body                             | status                | text                             |
      | 201  | {"node": {"phase": "Succeeded"}} | 201 Created           | {"node": {"phase": "Succeeded"}} |
      | 204  | ""                               | 204 No Content        |                                  |
      | 400  | "bad request"                    | 400 Bad Request       | bad request                      |
      | 401  | ""                               | 401 Unauthorized      |                                  |
      | 403  | ""                               | 403 Forbidden         |                                  |
      | 429  | "slow down"                      | 429 Too Many Requests | slow down                        |
      | 502  | "upstream gone"                  | 502 Bad Gateway       | upstream gone                    |
      | 504  | "upstream slow"                  | 504 Gateway Timeout   | upstream slow                    |

  @REF-STATUS-03
  Scenario Outline: A <code> redirect is followed the way Go's client follows it, <method>
    "Go follows redirects: 301, 302 and 303 become a GET; 307 and 308 re-POST the body." (argo-behaviour.md §W2.3)
    The plugin answers template.execute?redirected with the method the redirect arrived with.

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": <code>, "body": "", "location": "/api/v1/template.execute?redirected"}}'
    Then the node is Succeeded with the message "answered a <method> after the redirect"
    And status was called 1 time

    Examples: the redirects Go follows
      | code | method |
      | 301  | GET    |
      | 302  | GET    |
      | 303  | GET    |
      | 307  | POST   |
      | 308  | POST   |

  @REF-STATUS-04
  Scenario: A 300 with a Location is not followed, and is fatal
    Go's client follows only 301, 302, 303, 307 and 308; any other "3xx not auto-followed" is fatal
    like every status but 200, 404 and 503 (argo-behaviour.md §W2.3).

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": 300, "body": "", "location": "/api/v1/template.execute?redirected"}}'
    Then the node is Failed with the message "300 Multiple Choices: "
    And status was called 1 time

  @REF-STATUS-05
  Scenario Outline: The status in the message is the one the plugin sent: <sent>
    "resp.Status is the code plus the reason phrase the server sent." (argo-behaviour.md §W2.3) Go keeps the
    status line's text after the code, whatever it is, and only the code when there is none.

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": 500, "body": "boom", "reason": "<reason>"}}'
    Then the node is Failed with the message "<message>"

    Examples:
      | sent                    | reason    | message             |
      | its own reason phrase   | Kaboom    | 500 Kaboom: boom    |
      | a reason of two words   | Not Today | 500 Not Today: boom |
      | no reason phrase at all |           | 500: boom           |

  @REF-STATUS-06
  Scenario: A redirect loop ends after Go's ten redirects, fatally, in one attempt
    Go's client stops after 10 redirects with "stopped after 10 redirects", an error that is not
    transient (net/http's defaultCheckRedirect; argo-behaviour.md §W2.2). The plugin redirects template.execute
    to itself with 307, for ever. The backoff starts at 10 ms so that a retry would cost no time.
    Go names the Location as the plugin wrote it, not the URL it resolves to (decision 0009).

    Given an agent with the plugin status
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"status": {"code": 307, "body": "", "location": "/api/v1/template.execute"}}'
    Then the node is Failed with the message 'Post "/api/v1/template.execute": stopped after 10 redirects'
    And status was called 1 time
