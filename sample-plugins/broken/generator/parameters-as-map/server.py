# The hello generator plugin with one defect (marked DEFECT): it answers output.parameters as a map instead of a list of maps; Argo CD cannot decode it.
import hello

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        return {"output": {"parameters": {"key1": "val1", "key2": "val2"}}}  # DEFECT: a map, not a list of maps


if __name__ == "__main__":
    hello.serve(Broken)
