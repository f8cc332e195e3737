# The hello plugin with one defect (marked DEFECT): its own templates take 45 s, past the agent's 30 s timeout.
import hello

import time


class Broken(hello.Plugin):
    def execute(self, template):
        time.sleep(45)  # DEFECT: slow work inside the request, longer than Argo waits
        return super().execute(template)


if __name__ == "__main__":
    hello.serve(Broken)
