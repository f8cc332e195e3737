# The hello generator plugin with one defect (marked DEFECT): it adds a call counter to its parameter sets, so every reconcile changes the Applications.
import hello

import itertools

calls = itertools.count(1)

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        reply = super().generate(application_set, parameters)
        n = str(next(calls))
        for s in reply["output"]["parameters"]:
            s["call"] = n  # DEFECT: different output for the same input
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
