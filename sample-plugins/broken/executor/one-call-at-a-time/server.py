# The hello plugin with one defect (marked DEFECT): it serves one call at a time and takes 2.1 s per template, so the last of the agent's 16 concurrent calls waits past 30 s.
import hello

import time
from http.server import HTTPServer

class Broken(hello.Plugin):
    protocol_version = "HTTP/1.0"  # one connection per call: a single-threaded keep-alive server would hang on idle ones

    def execute(self, template):
        time.sleep(2.1)  # the work
        return super().execute(template)

if __name__ == "__main__":
    HTTPServer(("", hello.PORT), Broken).serve_forever()  # DEFECT: not threaded
