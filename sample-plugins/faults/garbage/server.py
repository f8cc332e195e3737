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
import json
import time

from fault import Fault, HELLO, serve

HTML = b"<html><body><h1>502 Bad Gateway</h1></body></html>\n"
KINDS = ("empty", "html", "truncated", "cut", "trailing", "endless")


class Garbage(Fault):
    KEY = "garbage"

    def options(self, spec):
        kind, times = spec.get("body", "html"), spec.get("times")
        if kind not in KINDS:
            raise ValueError("unknown garbage body %r" % kind)
        return kind, None if times is None else int(times), float(spec.get("seconds", 25))

    def start(self, headers):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def act(self, args, spec, n, options):
        kind, times, seconds = options
        reply = json.dumps(HELLO).encode()
        if times is not None and n > times:
            return self.answer(200, reply)
        if kind == "empty":
            self.answer(200, b"")
        elif kind == "html":
            self.answer(200, HTML, "text/html; charset=utf-8")
        elif kind == "truncated":
            self.close_connection = True
            self.start([("Content-Length", str(len(reply)))])
            self.wfile.write(reply[:len(reply) // 2])
        elif kind == "cut":
            self.close_connection = True
            self.start([("Connection", "close")])  # the body ends where the connection does
            self.wfile.write(reply[:len(reply) // 2])
        elif kind == "trailing":
            self.answer(200, reply + b" and then some prose, which Go's decoder never reads")
        else:  # endless
            self.close_connection = True
            self.start([("Transfer-Encoding", "chunked")])
            try:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(reply), reply))
                time.sleep(seconds)
                self.wfile.write(b"0\r\n\r\n")
            except OSError:
                pass  # the caller had what it needed and hung up


if __name__ == "__main__":
    serve(Garbage)
