# faults/status: answers the status code and body its template asks for.
#
#   plugin:
#     status:
#       code: 500          # any code (default 500); the reason phrase is the standard one
#       body: boom         # a string is sent as text; anything else as JSON (null, {}, a reply)
#       location: /api/v1/template.execute?redirected   # a Location header, for 3xx
#       reason: Kaboom     # the reason phrase instead of the standard one; "" sends none at all
#
# A request to template.execute?redirected (where a redirect points) is answered with a reply
# naming the method it came with, so a feature can tell a re-POST from a GET. Foreign templates
# are declined with {}.
import hmac
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "status"
METHOD = "/api/v1/template.execute"

with open("/var/run/argo/token") as f:
    EXPECTED = ("Bearer " + f.read().strip()).encode()


class Plugin(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def authorized(self):
        return hmac.compare_digest(self.headers.get("Authorization", "").encode("utf-8", "surrogateescape"), EXPECTED)

    def answer(self, status, data, content_type="application/json", location=None, reason=None):
        if reason == "":
            # "HTTP/1.1 500" and nothing else: send_response would add a space after the code.
            self.log_request(status)
            self._headers_buffer = [("%s %d\r\n" % (self.protocol_version, status)).encode("latin-1")]
            self.send_header("Server", self.version_string())
        else:
            self.send_response(status, reason)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if location is not None:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def redirected(self):
        if self.path != METHOD + "?redirected":
            return False
        reply = {"node": {"phase": "Succeeded", "message": "answered a %s after the redirect" % self.command}}
        self.answer(200, json.dumps(reply).encode())
        return True

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.authorized():
            return self.answer(403, b"")
        if self.redirected():
            return
        if self.path != METHOD:
            return self.answer(404, b"")
        try:
            plugin = json.loads(body)["template"]["plugin"]
            if KEY not in plugin:
                return self.answer(200, b"{}")
            spec = plugin[KEY] or {}
            code = int(spec.get("code", 500))
            text = spec.get("body", "boom")
            location = spec.get("location")
            reason = spec.get("reason")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, json.dumps({"message": "not a template.execute request: %s" % type(e).__name__}).encode())
        if isinstance(text, str):
            self.answer(code, text.encode(), "text/plain; charset=utf-8", location, reason)
        else:
            self.answer(code, json.dumps(text).encode(), "application/json", location, reason)

    def do_GET(self):
        if not self.authorized():
            return self.answer(403, b"")
        if not self.redirected():
            self.answer(404, b"")


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
