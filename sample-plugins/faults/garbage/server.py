# faults/garbage: answers 200 with a body that is not the reply Argo decodes, for the first
# `times` calls (every call when absent); later calls get the hello reply.
#
#   plugin:
#     garbage:
#       body: html   # empty:     200 with Content-Length 0 (Go: EOF, fatal)
#                    # html:      an HTML error page (Go: invalid character '<' ..., fatal)
#                    # truncated: Content-Length promises the reply, half arrives, then close
#                    #            (Go: unexpected EOF, transient)
#                    # cut:       no Content-Length, half the reply, then close (same)
#                    # trailing:  the reply, then prose after it (Go reads the first value only)
#                    # endless:   the reply as the first chunk of a chunked body that then goes
#                    #            quiet for `seconds` (default 25) before it ends; Go stops
#                    #            reading at the end of the first value and does not wait
#       times: 1
#
# Calls are counted per workflow uid, template name and arguments. Foreign templates get {}.
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "garbage"
HELLO = {"node": {"phase": "Succeeded", "message": "Hello template!",
                  "outputs": {"parameters": [{"name": "foo", "value": "bar"}]}}}
HTML = b"<html><body><h1>502 Bad Gateway</h1></body></html>\n"

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

    def answer(self, status, body, content_type="application/json", length=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        else:
            self.send_header("Connection", "close")  # the body ends where the connection does
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not self.authorized():
            return self.answer(403, b"", length=0)
        if self.path != "/api/v1/template.execute":
            return self.answer(404, b"", length=0)
        try:
            args = json.loads(body)
            plugin = args["template"]["plugin"]
            if KEY not in plugin:
                return self.answer(200, b"{}", length=2)
            spec = plugin[KEY] or {}
            kind = spec.get("body", "html")
            times = spec.get("times")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__}, length=None)
        reply = json.dumps(HELLO).encode()
        n = count(args, spec)
        if times is not None and n > int(times):
            return self.answer(200, reply, length=len(reply))
        if kind == "empty":
            self.answer(200, b"", length=0)
        elif kind == "html":
            self.answer(200, HTML, "text/html; charset=utf-8", length=len(HTML))
        elif kind == "truncated":
            self.close_connection = True
            self.answer(200, reply[:len(reply) // 2], length=len(reply))
        elif kind == "cut":
            self.close_connection = True
            self.answer(200, reply[:len(reply) // 2], length=None)
        elif kind == "endless":
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(reply), reply))
                time.sleep(float(spec.get("seconds", 25)))
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass  # the caller had what it needed and hung up
        elif kind == "trailing":
            data = reply + b" and then some prose, which Go's decoder never reads"
            self.answer(200, data, length=len(data))
        else:
            self.answer(400, {"message": "unknown garbage body %r" % kind}, length=None)

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"", length=0)


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
