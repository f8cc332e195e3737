# The hello plugin with one defect (marked DEFECT): it reports the phase "Success", which Argo does not know; the node is neither running nor done.
import hello

class Broken(hello.Plugin):
    def execute(self, template):
        reply = super().execute(template)
        reply["node"]["phase"] = "Success"  # DEFECT: Argo's phase is "Succeeded"
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
