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
import socket
import struct

from fault import Fault, HELLO, serve


class Reset(Fault):
    KEY = "reset"

    def options(self, spec):
        times = spec.get("times")
        return spec.get("how", "rst"), None if times is None else int(times)

    def act(self, args, spec, n, options):
        how, times = options
        if times is not None and n > times:
            return self.answer(200, HELLO)
        self.close_connection = True
        if how == "rst":
            # Linger on, timeout 0: close() discards unsent data and sends RST instead of FIN. The
            # socket's file is closed too, or the descriptor would outlive close() until later.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.connection.close()
        # close: returning without a word; the server then shuts the socket down with a FIN


if __name__ == "__main__":
    serve(Reset)
