# What every fault plugin shares, so each server.py holds only its fault: the token check, the
# template.execute route, declining other plugins' templates, the per-call counter, the server.
#
# A fault subclasses Fault, names its KEY and implements act(args, spec, n), which runs for each
# template.execute call whose template is `plugin: {KEY: spec}`; n counts the calls for that
# workflow uid, template name and arguments, so Argo's retries of one call share a count and two
# scenarios never do. options(spec) reads the spec up front: a spec it cannot read is a 400.
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
METHOD = "/api/v1/template.execute"
HELLO = {"node": {"phase": "Succeeded", "message": "Hello template!",
                  "outputs": {"parameters": [{"name": "foo", "value": "bar"}]}}}

with open("/var/run/argo/token") as f:
    EXPECTED = ("Bearer " + f.read().strip()).encode()

_calls = {}
_calls_lock = threading.Lock()


def _count(args, spec):
    meta = args.get("workflow", {}).get("metadata", {})
    key = json.dumps([meta.get("uid"), args["template"].get("name"), spec], sort_keys=True)
    with _calls_lock:
        _calls[key] = _calls.get(key, 0) + 1
        return _calls[key]


class Fault(BaseHTTPRequestHandler):
    KEY = None
    protocol_version = "HTTP/1.1"  # keep-alive, as Go's client expects
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass  # never log headers: the Authorization header carries the token

    def authorized(self):
        return hmac.compare_digest(self.headers.get("Authorization", "").encode("utf-8", "surrogateescape"), EXPECTED)

    def answer(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def options(self, spec):
        return None

    def act(self, args, spec, n, options):
        raise NotImplementedError

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.authorized():
            return self.answer(403, b"")
        if self.path != METHOD:
            return self.answer(404, b"")
        try:
            args = json.loads(body)
            plugin = args["template"]["plugin"]
            if self.KEY not in plugin:
                return self.answer(200, {})  # another plugin's template: Argo asks the next plugin
            spec = plugin[self.KEY] or {}
            options = self.options(spec)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request for %s: %s: %s" % (self.KEY, type(e).__name__, e)})
        self.act(args, spec, _count(args, spec), options)

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"")


def serve(handler):
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64  # the agent calls from 16 workers at once
    ThreadingHTTPServer(("", PORT), handler).serve_forever()
