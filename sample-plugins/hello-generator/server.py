# The ApplicationSet generator plugin of Argo CD's plugin docs (seed 004), with its 403 fall-through
# fixed (the docs' handler answers 403 and then carries on), and written to pass the conformance
# suite: token from /var/run/argo/token, an exact bearer compare, {"output": {"parameters": [...]}}
# for any input, 400 (never 5xx) for requests Argo CD would never send.
import hmac
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
MAX_BODY = 8 * 1024 * 1024

# Where its Deployment mounts the token; Argo CD itself mounts nothing (seed 004 mounts it here).
with open(os.environ.get("TOKEN_FILE", "/var/run/argo/token")) as f:
    plugin_token = f.read().strip()
expected = ("Bearer " + plugin_token).encode("utf-8")


class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def send_json(self, status, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        given = self.headers.get("Authorization", "").encode("utf-8", "surrogateescape")
        return hmac.compare_digest(given, expected)

    def read_body(self):
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise ValueError("a Content-Length is required")
        if int(length) > MAX_BODY:
            raise ValueError("body larger than %d bytes" % MAX_BODY)
        return self.rfile.read(int(length))

    def forbidden(self):
        self.send_json(403, {"message": "forbidden"})

    def do_POST(self):
        try:
            body = self.read_body()
        except ValueError as e:
            self.close_connection = True
            return self.send_json(400, {"message": str(e)})
        if not self.authorized():
            return self.forbidden()  # and nothing else: the fix to the docs' example
        if self.path != "/api/v1/getparams.execute":
            return self.send_json(404, {"message": "only getparams.execute is implemented"})
        try:
            args = json.loads(body)
            parameters = args.get("input", {}).get("parameters", {})
            if not isinstance(parameters, dict):
                raise TypeError("input.parameters must be a map")
        except (ValueError, TypeError, AttributeError, RecursionError) as e:
            return self.send_json(400, {"message": "not a getparams.execute request: %s" % type(e).__name__})
        self.send_json(200, self.generate(args.get("applicationSetName", ""), parameters))

    def generate(self, application_set, parameters):
        return {"output": {"parameters": [
            {"key1": "val1", "key2": "val2"},
            {"key1": "val2", "key2": "val2"},
        ]}}

    def do_GET(self):
        self.send_json(405, {"message": "use POST"})


def serve(handler=Plugin, port=PORT):
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("", port), handler).serve_forever()


if __name__ == "__main__":
    serve()
