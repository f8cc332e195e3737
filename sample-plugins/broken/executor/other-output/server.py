# The hello plugin with one defect (marked DEFECT): it returns the output parameter foo with the wrong value.
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["outputs"]["parameters"] = [{"name": "foo", "value": "baz"}]  # DEFECT: foo should be bar
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
