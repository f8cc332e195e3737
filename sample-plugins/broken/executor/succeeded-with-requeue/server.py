# The hello plugin with one defect (marked DEFECT): it sends a requeue with its Succeeded reply (ignored since Argo v3.4.7, re-called before; re-called for Failed).
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["requeue"] = "1s"  # DEFECT: a finished node asks to be called again
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
