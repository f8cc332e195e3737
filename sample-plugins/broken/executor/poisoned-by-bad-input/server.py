# The hello plugin with one defect (marked DEFECT): it answers 500 to every template once it has seen one malformed body.
import json

import hello

poisoned = []


class Broken(hello.Plugin):
    def read_body(self):
        body = super().read_body()
        try:
            json.loads(body)
        except ValueError:
            poisoned.append(True)  # DEFECT: one bad body breaks the plugin for good
        return body

    def accept(self, template):
        if poisoned:
            return self.send_json(500, {"message": "internal error"})
        super().accept(template)


if __name__ == "__main__":
    hello.serve(Broken)
