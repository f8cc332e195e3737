# faults/scripted: answers the k-th call for a template with the k-th reply of its script (the
# last one again once the script runs out), for requeue and phase scenarios:
#
#   plugin:
#     scripted:
#       replies:
#         - {phase: Running, requeue: 1s}     # any of phase, message, outputs, requeue
#         - {phase: Succeeded, message: done}
#
# phase defaults to Succeeded and message to "call k". requeue is sent exactly as written, so a
# number or "1d" reaches Argo as the plugin sent it; without the key, the reply has no requeue.
# Calls are counted per workflow uid, template name and arguments. Foreign templates get {}.
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "scripted"

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
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def authorized(self):
        return hmac.compare_digest(self.headers.get("Authorization", "").encode("utf-8", "surrogateescape"), EXPECTED)

    def answer(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
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
                return self.answer(200, {})
            spec = plugin[KEY] or {}
            replies = spec.get("replies") or [{}]
            n = count(args, spec)
            step = replies[min(n, len(replies)) - 1]
            node = {"phase": step.get("phase", "Succeeded"), "message": step.get("message", "call %d" % n)}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        if "outputs" in step:
            node["outputs"] = step["outputs"]
        reply = {"node": node}
        if "requeue" in step:
            reply["requeue"] = step["requeue"]
        self.answer(200, reply)

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"")


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
