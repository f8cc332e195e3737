# faults/flaky-503: answers 503 Service Unavailable to the first N calls, then the hello reply.
# N comes with each template, so scenarios never depend on each other:
#
#   plugin:
#     flaky:
#       failures: 2                  # 503 for the first two calls (default 1)
#       message: plugin is warming up  # the 503 body, which Argo makes the error message
#
# Calls are counted per workflow uid, template name and arguments: Argo's retries of one call
# share a count, and two workflows never do. Foreign templates are declined with {}.
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "flaky"

with open("/var/run/argo/token") as f:
    EXPECTED = ("Bearer " + f.read().strip()).encode()

calls = {}
calls_lock = threading.Lock()


def count(args, spec):
    meta = args.get("workflow", {}).get("metadata", {})
    key = json.dumps([meta.get("uid"), args["template"].get("name"), spec], sort_keys=True)
    with calls_lock:
        calls[key] = calls.get(key, 0) + 1
        return calls[key]


class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Go's client expects
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass  # never log headers: the Authorization header carries the token

    def answer(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.authorized():
            return self.answer(403, b"")
        if self.path != "/api/v1/template.execute":
            return self.answer(404, b"")
        try:
            args = json.loads(body)
            plugin = args["template"]["plugin"]
            if KEY not in plugin:
                return self.answer(200, {})  # another plugin's template: Argo asks the next plugin
            spec = plugin[KEY] or {}
            failures = int(spec.get("failures", 1))
            message = str(spec.get("message", "plugin is warming up"))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        n = count(args, spec)
        if n <= failures:
            return self.answer(503, message.encode(), "text/plain")
        self.answer(200, {"node": {"phase": "Succeeded", "message": "Hello template!", "outputs": {"parameters": [
            {"name": "foo", "value": "bar"}, {"name": "calls", "value": str(n)}]}}})

    def authorized(self):
        return hmac.compare_digest(self.headers.get("Authorization", "").encode("utf-8", "surrogateescape"), EXPECTED)

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"")


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64  # the agent calls from 16 workers at once
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
