# faults/not-found: answers 404 to everything, whatever the method, path or token, as plugins do
# whose router does not know template.execute (or that answer 404 for templates they cannot
# parse, like the Volcano, Ray and PyTorch plugins). Argo remembers the 404 for the agent's
# lifetime and never calls the plugin again; templates go to the next plugin.
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = 4355
BODY = b"404 page not found\n"  # what Go's http.NotFound writes

# Read like any plugin's, though this one never checks it: the agent mounts it all the same.
with open("/var/run/argo/token") as f:
    f.read()


class NotFound(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def not_found(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    do_POST = do_GET = do_PUT = do_DELETE = not_found


if __name__ == "__main__":
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 64
    ThreadingHTTPServer(("", PORT), NotFound).serve_forever()
