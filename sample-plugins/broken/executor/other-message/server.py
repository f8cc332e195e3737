# The hello plugin with one defect (marked DEFECT): it answers with another message than its documented "Hello template!".
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["message"] = "Hello, template!"  # DEFECT: not the documented message
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
