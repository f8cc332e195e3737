# The hello controller plugin with one defect (marked DEFECT): node.preExecute takes 1.2 s, past the 1 s timeout.
import hello

import time


class Broken(hello.Plugin):
    def pre_execute(self, args):
        time.sleep(1.2)  # DEFECT: slow work inside the request; the controller gives up after 1 s
        return hello.Plugin.pre_execute(self, args)

    METHODS = dict(hello.Plugin.METHODS, **{"node.preExecute": pre_execute})


if __name__ == "__main__":
    hello.serve(Broken)
