# The hello generator plugin with one defect (marked DEFECT): it fails with 500 when input.parameters is absent, which is how Argo CD sends an empty input.
import hello

import json

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


class Broken(Refusing):
    def read_body(self):
        body = super().read_body()
        try:
            self.has_parameters = "parameters" in json.loads(body).get("input", {})
        except (ValueError, AttributeError):
            self.has_parameters = True  # malformed bodies are the base class's business
        return body

    def generate(self, application_set, parameters):
        if not self.has_parameters:
            # DEFECT: Argo CD omits input.parameters when empty; the plugin errors out instead of serving it
            raise Refused(500, "KeyError: 'parameters'")
        return super().generate(application_set, parameters)


if __name__ == "__main__":
    hello.serve(Broken)
