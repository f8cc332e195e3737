# A correct executor plugin in another style than hello: a threaded server that answers
# asynchronously (Running + requeue until its countdown ends), echoes an input back as an output,
# and, like several Go plugins of Argo's directory, answers 400 to any Content-Type but exactly
# application/json.
#
#   plugin:
#     countdown:
#       seconds: 2          # how long the "job" runs
#       echo: hello         # comes back as the output parameter `echo`
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 7391
MAX_BODY = 1024 * 1024

with open("/var/run/argo/token") as f:
    EXPECTED = ("Bearer " + f.read().strip()).encode()

# The request carries no node ID: a job is known by its workflow, template and arguments, so a
# repeated call finds the same job instead of starting another (Argo re-sends the same body).
jobs = {}
jobs_lock = threading.Lock()


def job_key(args):
    meta = args.get("workflow", {}).get("metadata", {})
    template = args["template"]
    return json.dumps([meta.get("uid"), meta.get("name"), template.get("name"), template["plugin"]], sort_keys=True)


class Countdown(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def answer(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_BODY:
            self.close_connection = True
            return self.answer(400, {"message": "a Content-Length up to %d bytes is required" % MAX_BODY})
        body = self.rfile.read(int(length))
        if not hmac.compare_digest(self.headers.get("Authorization", "").encode("utf-8", "surrogateescape"), EXPECTED):
            return self.answer(403)
        if self.path != "/api/v1/template.execute":
            return self.answer(404)
        if self.headers.get("Content-Type") != "application/json":
            return self.answer(400, {"message": "Content-Type must be application/json"})
        try:
            args = json.loads(body)
            spec = args["template"]["plugin"].get("countdown")
            if spec is None:
                return self.answer(200, {})
            seconds = float(spec.get("seconds", 0))
            echo = str(spec.get("echo", ""))
            key = job_key(args)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        with jobs_lock:
            started = jobs.setdefault(key, time.monotonic())
        left = seconds - (time.monotonic() - started)
        if left > 0:
            return self.answer(200, self.running(left))
        self.answer(200, self.finished(seconds, echo))

    def running(self, left):
        return {"node": {"phase": "Running", "message": "%.1fs to go" % left}, "requeue": "1s"}

    def finished(self, seconds, echo):
        return {"node": {"phase": "Succeeded", "message": "counted down %gs" % seconds,
                         "outputs": {"parameters": [{"name": "echo", "value": echo}]}}}

    def do_GET(self):
        self.answer(405, {"message": "use POST"})


def serve(handler=Countdown, port=PORT):
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("", port), handler).serve_forever()


if __name__ == "__main__":
    serve()
