# The hello generator plugin with one defect (marked DEFECT): it fails with 500 when an input parameter is a list, though input values may be any JSON (a 400 saying why would be a documented refusal, which the suite accepts).
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
            # DEFECT: values may be any JSON; a list reaches string code and the plugin errors out
            raise Refused(500, "AttributeError: 'list' object has no attribute 'strip'")
        return super().generate(application_set, parameters)


if __name__ == "__main__":
    hello.serve(Broken)
