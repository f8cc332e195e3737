# The hello plugin with one defect (marked DEFECT): it returns outputs.parameters as a map instead of a list of {name, value}; Argo cannot decode the reply.
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["outputs"]["parameters"] = {"foo": "bar"}  # DEFECT: Argo expects a list
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
