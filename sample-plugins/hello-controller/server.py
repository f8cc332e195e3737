# The hello controller plugin of seed 002 (Argo's proposed controller plugins, PR #7255), written to pass the
# conformance suite. Seed 002's example prints "hello" on workflow.preOperate; this one also does what the seed's
# "advanced example" does: annotates the workflow, adds the parameter {{hello}}, and completes plugin: {hello: {}}
# nodes itself. What it fixes in the seed's example:
#   - Argo calls POST /api/v1/<method>, not /workflow.preOperate (or /WorkflowLifecycleHook.WorkflowPreOperate);
#   - it reads each request body, answers with Content-Type and Content-Length, and keeps connections alive;
#   - it serves calls concurrently (the controller has 32 workflow workers) and answers each within 1 s;
#   - it answers 404 (never called again) to the methods it does not implement, and 400 to bodies Argo never sends;
#   - it needs no token (Argo sends none) and, in the controller pod, listens on 127.0.0.1 only (BIND_ADDRESS).
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "4355"))
BIND_ADDRESS = os.environ.get("BIND_ADDRESS", "")  # "" is every interface: what a container needs for `docker run -p`
MAX_BODY = 8 * 1024 * 1024


class BadRequest(Exception):
    pass


def obj(value, what):
    if not isinstance(value, dict):
        raise BadRequest("%s is not an object" % what)
    return value


class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the controller calls for every node of every reconcile
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass  # no access log: request lines are noise, and bodies may carry what a workflow's parameters hold

    def send_json(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def send_empty(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def read_body(self):
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise BadRequest("a Content-Length is required")
        if int(length) > MAX_BODY:
            raise BadRequest("body larger than %d bytes" % MAX_BODY)
        return self.rfile.read(int(length))

    def do_POST(self):
        try:
            body = self.read_body()
        except BadRequest as e:
            self.close_connection = True
            return self.send_json(400, {"message": str(e)})
        self.answer(body)

    def answer(self, body):
        method = self.path[len("/api/v1/"):] if self.path.startswith("/api/v1/") else None
        handler = self.METHODS.get(method)
        if handler is None:
            return self.send_empty(404)  # not implemented: Argo never calls it again
        try:
            args = obj(json.loads(body), "the request")
            reply = handler(self, args)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, BadRequest) as e:
            return self.send_json(400, {"message": "not a %s request: %s" % (method, type(e).__name__)})
        self.send_json(200, reply)

    def do_GET(self):
        self.send_empty(404)

    # --- the methods it implements --------------------------------------------------------------------------

    def pre_operate(self, args):
        obj(obj(args["workflow"], "workflow").get("metadata"), "workflow.metadata")
        print("hello", flush=True)
        return {"workflow": {"metadata": {"annotations": {"hello": "good morning"}}}}

    def add_parameters(self, args):
        obj(args["workflow"], "workflow")
        return {"parameters": {"hello": "good morning"}}

    def pre_execute(self, args):
        template = obj(args["template"], "template")
        obj(args["node"], "node")
        plugin = template.get("plugin")
        if isinstance(plugin, dict) and "hello" in plugin:
            return {"node": {"phase": "Succeeded", "message": "Hello workflow!"}}
        return {}  # not our node: the controller executes it as usual

    METHODS = {
        "workflow.preOperate": pre_operate,
        "parameters.add": add_parameters,
        "node.preExecute": pre_execute,
    }


def serve(handler=Plugin, port=PORT):
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 128  # the controller's workers connect at once
    ThreadingHTTPServer((BIND_ADDRESS, port), handler).serve_forever()


if __name__ == "__main__":
    serve()
