@reference
Feature: The reference controller decodes a 200 as Go's json.Decoder does
  A 200's body is decoded from the stream up to the end of its first JSON value. An empty body is
  io.EOF, fatal; a syntax or type error is fatal; a body that ends inside the value is
  io.ErrUnexpectedEOF, transient and retried; whatever follows the first value is never read
  (workflow/util/plugin/plugin.go; argo-behaviour.md §W1.5, §W1.6).

  @REF-BODY-01
  Scenario: An empty 200 fails the node with "EOF" after one call
    "An empty 200 body gives io.EOF, which is not transient, so the node fails with message EOF."
    (argo-behaviour.md §W1.6)

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "empty"}}'
    Then the node is Failed with the message "EOF"
    And garbage was called 1 time

  @REF-BODY-02
  Scenario: An HTML page in a 200 fails the node with Go's syntax error after one call
    "Syntax or type errors are fatal, e.g. invalid character ..." (argo-behaviour.md §W1.6); "Invalid JSON →
    Failed." (argo-behaviour.md §W10)

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "html"}}'
    Then the node is Failed with the message "invalid character '<' looking for beginning of value"
    And garbage was called 1 time

  @REF-BODY-03 @argo>=3.7.17/4.0.8/4.1.0
  Scenario: A body shorter than its Content-Length is retried
    "A truncated body gives io.ErrUnexpectedEOF, which is transient and retried" (argo-behaviour.md §W1.6). The
    plugin promises the whole reply, sends half and closes the connection.

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "truncated", "times": 1}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to garbage went:
      | attempt | answer              |
      | 1       | 200, body cut short |
      | 2       | 200                 |

  @REF-BODY-04 @argo>=3.7.17/4.0.8/4.1.0
  Scenario: A body that ends inside the reply is retried
    "A truncated body gives io.ErrUnexpectedEOF" (argo-behaviour.md §W1.6), also when the body has no length
    and simply ends with the connection: both 200s arrive whole, the first one's JSON does not.

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "cut", "times": 1}}'
    Then the node is Succeeded with the message "Hello template!"
    And the calls to garbage went:
      | attempt | answer |
      | 1       | 200    |
      | 2       | 200    |

  @REF-BODY-05
  Scenario: Whatever follows the reply is ignored
    "Unknown fields are ignored, and so is anything after the first JSON value." (argo-behaviour.md §W1.6)

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "trailing"}}'
    Then the node is Succeeded with the message "Hello template!"
    And the node's output foo is "bar"
    And garbage was called 1 time

  @REF-BODY-06
  Scenario: A numeric requeue fails the node after one call
    "A number (120), an empty string or an invalid string is a decode error. That counts as a
    non-transient (fatal) error and fails the node" (argo-behaviour.md §W1.5)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Running", "requeue": 120}]}}'
    Then the node is Failed with the message "json: cannot unmarshal number into Go struct field ExecuteTemplateReply.requeue of type string"
    And scripted was called 1 time

  @REF-BODY-07
  Scenario: A requeue of "1d" fails the node with Go's duration error
    "No day unit exists (1d is invalid)." (argo-behaviour.md §W1.5); requeue:"1d" → Failed (argo-behaviour.md §W10)

    Given an agent with the plugin scripted
    When Argo executes a template whose plugin is '{"scripted": {"replies": [{"phase": "Running", "requeue": "1d"}]}}'
    Then the node is Failed with the message 'time: unknown unit "d" in duration "1d"'
    And scripted was called 1 time

  @REF-BODY-08
  Scenario: A body that goes on after the reply does not keep the agent waiting
    Go decodes "straight from the stream" and stops at the end of the first JSON value (argo-behaviour.md §W1.6),
    so the rest of a body is never waited for. The plugin sends its reply as the first chunk of a
    chunked body, then sends nothing for 25 s.

    Given an agent with the plugin garbage
    When Argo executes a template whose plugin is '{"garbage": {"body": "endless"}}'
    Then the node is Succeeded with the message "Hello template!"
    And garbage was called 1 time
    And attempt 1 to garbage lasted 0s to 1s

  @REF-BODY-09
  Scenario: A JSON array fails the node with Go's type error after one call
    "Syntax or type errors are fatal, e.g. ... json: cannot unmarshal ..." (argo-behaviour.md §W1.6)

    Given an agent with the plugin status
    When Argo executes a template whose plugin is '{"status": {"code": 200, "body": []}}'
    Then the node is Failed with the message "json: cannot unmarshal array into Go value of type executor.ExecuteTemplateReply"
    And status was called 1 time
