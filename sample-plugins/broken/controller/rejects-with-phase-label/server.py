# The hello controller plugin with one defect (marked DEFECT): preOperate patches a label the controller owns.
import hello


class Broken(hello.Plugin):
    def pre_operate(self, args):
        reply = hello.Plugin.pre_operate(self, args)
        # DEFECT: a "validation" plugin failing workflows through the controller's own label; the controller owns it,
        # and the right way to reject a workflow is an error reply (the workflow is then marked Error).
        reply["workflow"]["metadata"]["labels"] = {"workflows.argoproj.io/phase": "Failed"}
        return reply

    METHODS = dict(hello.Plugin.METHODS, **{"workflow.preOperate": pre_operate})


if __name__ == "__main__":
    hello.serve(Broken)
