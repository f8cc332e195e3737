# faults/stall: keeps Argo waiting. The first `times` calls (every call when absent) get nothing
# for `seconds`, then the hello reply, if the caller is still there:
#
#   plugin:
#     stall:
#       seconds: 3         # how long to stall (default 300, longer than any client timeout)
#       times: 1           # stall only the first call; later ones are answered at once
#       during: headers    # headers: nothing is sent while stalling (default);
#                          # body: the status line, headers and half the body are, then the rest
#
# A stall past Argo's 30 s client timeout is transient, and retried. Calls are counted per
# workflow uid, template name and arguments. Foreign templates are declined with {}.
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "stall"
HELLO = {"node": {"phase": "Succeeded", "message": "Hello template!",
                  "outputs": {"parameters": [{"name": "foo", "value": "bar"}]}}}

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
            seconds = float(spec.get("seconds", 300))
            times = spec.get("times")
            during = spec.get("during", "headers")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        n = count(args, spec)
        if times is not None and n > int(times):
            return self.answer(200, HELLO)
        try:
            if during == "body":
                data = json.dumps(HELLO).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:len(data) // 2])
                time.sleep(seconds)
                self.wfile.write(data[len(data) // 2:])
            else:
                time.sleep(seconds)
                self.answer(200, HELLO)
        except OSError:
            self.close_connection = True  # the caller timed out and hung up, as it should

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"")


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
