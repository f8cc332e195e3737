@controller
Feature: What the controller sends
  PR #7255's controller posts a bare request: no Authorization header (there is no token for controller
  plugins) and no Content-Type (workflow/util/plugins/plugin.go). A plugin that asks for either refuses
  every call, and every workflow errors.

  Background:
    Given a controller plugin started without a token

  @CTRL-AUTH-01 @must
  Scenario: Calls without an Authorization header are served
    Controller plugins are "written and installed only by the admin" (seed 003) and run beside the
    controller, which sends no token; executor plugins' "check that the Authorization header contains the
    same value as /var/run/argo/token" (seed 001) does not apply. A 401 or 403 errors the workflow.

    When Argo calls each controller method
    Then no call is refused for want of a token

  @CTRL-AUTH-02 @must
  Scenario: Calls without a Content-Type header are served
    The controller sets no Content-Type. A plugin that insists on application/json (415, or a 400 that the
    same request with the header does not get) refuses every call.

    When Argo calls each controller method
    Then no call is refused for want of a Content-Type
