# The hello plugin with one defect (marked DEFECT): it adds a call counter to its outputs, so the same request gets a different answer each time.
import hello

import itertools

calls = itertools.count(1)

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["outputs"]["parameters"].append({"name": "call", "value": str(next(calls))})  # DEFECT
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
