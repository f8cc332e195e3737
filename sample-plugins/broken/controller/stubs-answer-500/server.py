# The hello controller plugin with one defect (marked DEFECT): stubs for the methods it does not implement answer 500.
import hello


class Broken(hello.Plugin):
    def not_implemented(self, args):
        raise NotImplementedError()  # DEFECT: a stub; Argo reads only 404 as "not implemented, never call again"

    METHODS = dict(hello.Plugin.METHODS, **{"workflow.postOperate": not_implemented, "node.postExecute": not_implemented})

    def do_POST(self):
        try:
            return hello.Plugin.do_POST(self)
        except NotImplementedError:
            return self.send_json(500, {"message": "not implemented"})


if __name__ == "__main__":
    hello.serve(Broken)
