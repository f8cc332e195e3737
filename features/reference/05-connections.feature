@reference
Feature: The reference controller retries a dropped or refused connection
  Users rely on transient network errors being retried (#9664, fixed by #9665): a connection reset
  by peer, an EOF before the response, a refused connection. Each is transient, so it is retried
  with the backoff of a 503, and only the last error, once the 5 attempts run out, fails the node
  (workflow/util/plugin/plugin.go, util/errors/errors.go; argo-behaviour.md §W2.2).

  @REF-CONN-01 @argo>=3.4.1
  Scenario: A connection reset before the response is retried
    "error text containing any of: connection reset by peer, ..." is transient (argo-behaviour.md §W2.2). The
    plugin reads the request, then closes with SO_LINGER 0, which sends a TCP reset. Docker's port
    mapping would turn the reset into an orderly close, so the agent reaches the container directly.

    Given an agent with the plugin reset at its container's own address, not through Docker's port mapping
    When Argo executes a template whose plugin is '{"reset": {"how": "rst", "times": 1}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to reset went:
      | attempt | answer      |
      | 1       | no response |
      | 2       | 200         |
    And the gaps between the calls to reset were:
      | before call | at least | at most |
      | 2           | 1s       | 1.2s    |

  @REF-CONN-02 @argo>=3.4.1
  Scenario: A connection closed without a response is retried
    "a *url.Error whose text contains EOF" is transient (argo-behaviour.md §W2.2): Go reports a connection that
    closes before the response as Post "…": EOF.

    Given an agent with the plugin reset
    When Argo executes a template whose plugin is '{"reset": {"how": "close", "times": 2}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to reset went:
      | attempt | answer      |
      | 1       | no response |
      | 2       | no response |
      | 3       | 200         |

  @REF-CONN-03 @argo>=3.4.1
  Scenario: A connection closed on every attempt fails the node with Post "…": EOF
    "Once the attempts run out, the last transient error is returned. It is then treated as
    fatal." (argo-behaviour.md §W2.1) The backoff here starts at 10 ms instead of 1 s; its shape is
    REF-RETRY-02's.

    Given an agent with the plugin reset
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"reset": {"how": "close"}}'
    Then the node is Failed with the message 'Post "<address of reset>/api/v1/template.execute": EOF'
    And reset was called 5 times

  @REF-CONN-04 @argo>=3.4.1
  Scenario: A connection reset on every attempt fails the node with "connection reset by peer"
    "connection reset by peer" is transient (argo-behaviour.md §W2.2); once the attempts run out it is the node's
    message. The backoff here starts at 10 ms instead of 1 s.

    Given an agent with the plugin reset at its container's own address, not through Docker's port mapping
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"reset": {"how": "rst"}}'
    Then the node is Failed with a message starting 'Post "<address of reset>/api/v1/template.execute": read tcp '
    And the node is Failed with a message ending ': read: connection reset by peer'
    And reset was called 5 times

  @REF-CONN-05
  Scenario: A refused connection is retried five times, then fails the node
    "The error text contains connection refused" is transient; after retries run out the node fails
    with "Post "http://localhost:4355/api/v1/template.execute": dial tcp [::1]:4355: connect:
    connection refused" (argo-behaviour.md §W2.2, §W2.7). The plugin's address is Argo's kind, localhost and a
    port; the backoff starts at 10 ms instead of 1 s.

    Given an agent with one plugin, nowhere, at an address where nothing listens
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"hello": {}}'
    Then the node is Failed with a message starting 'Post "<address of nowhere>/api/v1/template.execute": dial tcp '
    And the node is Failed with a message ending ': connect: connection refused'
    And the calls to nowhere went:
      | attempt | answer      |
      | 1       | no response |
      | 2       | no response |
      | 3       | no response |
      | 4       | no response |
      | 5       | no response |

  @REF-CONN-06
  Scenario: A refused connection's message names the address Go dialled
    Go resolves localhost and names the address it dialled: "dial tcp [::1]:4355: connect:
    connection refused" (argo-behaviour.md §W2.7), or 127.0.0.1 where loopback has no IPv6.

    Given an agent with one plugin, nowhere, at an address where nothing listens
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"hello": {}}'
    Then the node is Failed with a message matching 'Post "<address of nowhere>/api/v1/template\.execute": dial tcp (\[::1\]|127\.0\.0\.1):<port of nowhere>: connect: connection refused'

  @REF-CONN-07
  Scenario: A reset's message names both ends of the connection
    Go's *net.OpError for a read names the local and the remote address: "read tcp
    10.0.0.1:43512->10.0.0.2:4355: read: connection reset by peer".

    Given an agent with the plugin reset at its container's own address, not through Docker's port mapping
    And its backoff is shortened to start at 10ms
    When Argo executes a template whose plugin is '{"reset": {"how": "rst"}}'
    Then the node is Failed with a message matching 'Post "<address of reset>/api/v1/template\.execute": read tcp [0-9.]+:[0-9]+->[0-9.]+:<port of reset>: read: connection reset by peer'
