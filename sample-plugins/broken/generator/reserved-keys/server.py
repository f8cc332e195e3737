# The hello generator plugin with one defect (marked DEFECT): it puts a `values` key in its parameter sets, which Argo CD overwrites with the generator's values.
import hello

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        reply = super().generate(application_set, parameters)
        for s in reply["output"]["parameters"]:
            s["values"] = {"team": "blue"}  # DEFECT: a reserved key
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
