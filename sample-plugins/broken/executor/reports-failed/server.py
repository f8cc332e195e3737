# The hello plugin with one defect (marked DEFECT): it reports its successful hello as Failed.
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["phase"] = "Failed"  # DEFECT: the work succeeded
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
