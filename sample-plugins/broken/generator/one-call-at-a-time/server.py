# The hello generator plugin with one defect (marked DEFECT): it serves one call at a time and takes 3.2 s per call, so the last of 10 concurrent calls waits past 30 s.
import hello

import time
from http.server import HTTPServer

class Broken(hello.Plugin):
    protocol_version = "HTTP/1.0"

    def generate(self, application_set, parameters):
        time.sleep(3.2)
        return super().generate(application_set, parameters)

if __name__ == "__main__":
    HTTPServer(("", hello.PORT), Broken).serve_forever()  # DEFECT: not threaded
