# The hello plugin with one defect (marked DEFECT): besides foo=bar it returns an output parameter whose value is a JSON object, which Argo stores as "".
import hello


class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["outputs"]["parameters"].append({"name": "details", "value": {"greeting": "hello"}})  # DEFECT
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
