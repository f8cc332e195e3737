# The hello generator plugin with one defect (marked DEFECT): it answers 400 when an input parameter is a list, though input values may be any JSON.
import hello

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
    def generate(self, application_set, parameters):
        if any(isinstance(v, list) for v in parameters.values()):
            raise Refused(400, "input values must be strings")  # DEFECT: values may be any JSON
        return super().generate(application_set, parameters)


if __name__ == "__main__":
    hello.serve(Broken)
