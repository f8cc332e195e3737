# The hello generator plugin with one defect (marked DEFECT): it answers 429 to a second call for the same ApplicationSet within 10 s, so a matrix (one call per upstream set) fails.
import hello

import threading
import time

class Refused(Exception):
    """Raised from generate() before anything is written; do_POST turns it into an error reply."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Refusing(hello.Plugin):
    def do_POST(self):
        try:
            super().do_POST()
        except Refused as r:
            self.send_json(r.status, {"message": str(r)})


last_call = {}
lock = threading.Lock()


class Broken(Refusing):
    def generate(self, application_set, parameters):
        with lock:
            now = time.monotonic()
            limited = now - last_call.get(application_set, -100) < 10
            last_call[application_set] = now
        if limited:
            raise Refused(429, "rate limited")  # DEFECT: a matrix calls once per upstream parameter set
        return super().generate(application_set, parameters)


if __name__ == "__main__":
    hello.serve(Broken)
