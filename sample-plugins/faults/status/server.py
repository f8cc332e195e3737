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
# naming the method it came with, so a feature can tell a re-POST from a GET.
import json

from fault import Fault, METHOD, serve


class Status(Fault):
    KEY = "status"

    def options(self, spec):
        return int(spec.get("code", 500)), spec.get("body", "boom"), spec.get("location"), spec.get("reason")

    def act(self, args, spec, n, options):
        code, body, location, reason = options
        if reason == "":
            # "HTTP/1.1 500" and nothing else: send_response would add a space after the code.
            self.log_request(code)
            self._headers_buffer = [("%s %d\r\n" % (self.protocol_version, code)).encode("latin-1")]
            self.send_header("Server", self.version_string())
        else:
            self.send_response(code, reason)
        if isinstance(body, str):
            data, content_type = body.encode(), "text/plain; charset=utf-8"
        else:
            data, content_type = json.dumps(body).encode(), "application/json"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if location is not None:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def redirected(self):
        if self.path != METHOD + "?redirected":
            return False
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.authorized():
            self.answer(403, b"")
        else:
            self.answer(200, {"node": {"phase": "Succeeded", "message": "answered a %s after the redirect" % self.command}})
        return True

    def do_POST(self):
        if not self.redirected():
            super().do_POST()

    def do_GET(self):
        if not self.redirected():
            super().do_GET()


if __name__ == "__main__":
    serve(Status)
