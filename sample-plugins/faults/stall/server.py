# faults/stall: keeps Argo waiting. The first `times` calls (every call when absent) get nothing
# for `seconds`, then the hello reply, if the caller is still there:
#
#   plugin:
#     stall:
#       seconds: 3         # how long to stall (default 300, longer than any client timeout)
#       times: 1           # stall only the first call; later ones are answered at once
#       during: headers    # headers: nothing is sent while stalling (default);
#                          # body: the status line, headers and half the body are, then the rest
#
# A stall past Argo's 30 s client timeout is transient, and retried.
import json
import time

from fault import Fault, HELLO, serve


class Stall(Fault):
    KEY = "stall"

    def options(self, spec):
        times = spec.get("times")
        return float(spec.get("seconds", 300)), None if times is None else int(times), spec.get("during", "headers")

    def act(self, args, spec, n, options):
        seconds, times, during = options
        if times is not None and n > times:
            return self.answer(200, HELLO)
        try:
            if during == "body":
                data = json.dumps(HELLO).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:len(data) // 2])
                time.sleep(seconds)
                self.wfile.write(data[len(data) // 2:])
            else:
                time.sleep(seconds)
                self.answer(200, HELLO)
        except OSError:
            self.close_connection = True  # the caller timed out and hung up, as it should


if __name__ == "__main__":
    serve(Stall)
