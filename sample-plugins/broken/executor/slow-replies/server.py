# The hello plugin with one defect (marked DEFECT): it takes 1.2 s to answer each of its templates.
import hello

import time

class Broken(hello.Plugin):
    def execute(self, template):
        time.sleep(1.2)  # DEFECT: slow work inside the request
        return super().execute(template)


if __name__ == "__main__":
    hello.serve(Broken)
