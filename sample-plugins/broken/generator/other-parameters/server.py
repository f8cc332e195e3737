# The hello generator plugin with one defect (marked DEFECT): it answers its documented input with other parameter sets than it documents.
import hello

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        return {"output": {"parameters": [{"key1": "val1", "key2": "val3"}]}}  # DEFECT: not the documented sets


if __name__ == "__main__":
    hello.serve(Broken)
