# faults/reset: reads the request, then drops the connection without a response, for the first
# `times` calls (every call when absent); later calls get the hello reply.
#
#   plugin:
#     reset:
#       how: rst     # rst: SO_LINGER 0 then close, so the peer gets a TCP reset (default);
#                    # close: an orderly close (FIN) with no response, which Go reports as EOF
#       times: 1
#
# Argo retries both (#9664, fixed by #9665: connection reset by peer and EOF are transient).
# Calls are counted per workflow uid, template name and arguments. Foreign templates get {}.
import hmac
import json
import socket
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
KEY = "reset"
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

    def drop(self, how):
        self.close_connection = True
        if how == "rst":
            # Linger on, timeout 0: close() discards unsent data and sends RST instead of FIN. The
            # socket's file is closed too, or the descriptor would outlive close() until later.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.connection.close()
        # close: returning without a word; the server then shuts the socket down with a FIN

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
            how = spec.get("how", "rst")
            times = spec.get("times")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            return self.answer(400, {"message": "not a template.execute request: %s" % type(e).__name__})
        n = count(args, spec)
        if times is not None and n > int(times):
            return self.answer(200, HELLO)
        self.drop(how)

    def do_GET(self):
        self.answer(404 if self.authorized() else 403, b"")


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), Plugin).serve_forever()
