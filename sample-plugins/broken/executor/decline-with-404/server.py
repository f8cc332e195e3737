# The hello plugin with one defect (marked DEFECT): it answers 404 to other plugins' templates, as some plugins of Argo's directory do; Argo then never calls it again in that workflow.
import hello

class Broken(hello.Plugin):
    def decline(self):
        self.send_empty(404)  # DEFECT: 404 means "method unsupported" to Argo, not "not my template"


if __name__ == "__main__":
    hello.serve(Broken)
