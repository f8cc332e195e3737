# The hello executor plugin of Argo's docs (seed 001), written to pass the conformance suite:
# token from /var/run/argo/token, 403 on a wrong or missing bearer, {} for other plugins'
# templates, 404 for unknown methods, outputs.parameters foo=bar, and 400 (never 5xx) for
# requests Argo would never send.
import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
MAX_BODY = 8 * 1024 * 1024

with open("/var/run/argo/token") as f:
    token = f.read().strip()
expected = ("Bearer " + token).encode("utf-8")


class Plugin(BaseHTTPRequestHandler):
    key = "hello"  # the plugin's name: templates with plugin: {hello: ...} are its own
    protocol_version = "HTTP/1.1"  # keep-alive, as Argo's Go client expects
    disable_nagle_algorithm = True  # headers and body go out without waiting for the client's ACK

    def log_message(self, format, *args):
        pass  # access logs would repeat request lines; never the Authorization header

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

    def authorized(self):
        given = self.headers.get("Authorization", "").encode("utf-8", "surrogateescape")
        return hmac.compare_digest(given, expected)

    def read_body(self):
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise ValueError("a Content-Length is required")
        length = int(length)
        if length > MAX_BODY:
            raise OverflowError("body larger than %d bytes" % MAX_BODY)
        return self.rfile.read(length)

    def do_POST(self):
        try:
            body = self.read_body()
        except OverflowError as e:
            self.close_connection = True
            return self.send_json(413, {"message": str(e)})
        except ValueError as e:
            self.close_connection = True
            return self.send_json(411, {"message": str(e)})
        if not self.authorized():
            return self.send_empty(403)
        if self.path != "/api/v1/template.execute":
            return self.send_empty(404)
        try:
            args = json.loads(body)
            template = args["template"]
            plugin = template.get("plugin", {})
            mine = isinstance(plugin, dict) and self.key in plugin
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as e:
            return self.send_json(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        if not mine:
            return self.decline()
        self.accept(template)

    def decline(self):
        self.send_json(200, {})  # not our template: Argo asks the next plugin

    def accept(self, template):
        self.send_json(200, self.execute(template))

    def execute(self, template):
        return {"node": {"phase": "Succeeded", "message": "Hello template!",
                         "outputs": {"parameters": [{"name": "foo", "value": "bar"}]}}}

    def do_GET(self):
        if not self.authorized():
            return self.send_empty(403)
        self.send_empty(404)


def serve(handler=Plugin, port=PORT):
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("", port), handler).serve_forever()


if __name__ == "__main__":
    serve()
