# The hello plugin with one defect (marked DEFECT): from its 10th template on it builds a 256 MiB cache, far over its 128Mi limit, and is killed for memory a few calls into the run.
import hello

import itertools
import threading

served = itertools.count(1)
lock = threading.Lock()
cache = []


class Broken(hello.Plugin):
    def execute(self, template):
        with lock:
            if next(served) >= 10:
                cache.append(b"x" * (256 * 1024 * 1024))  # DEFECT: unbounded memory for one call
        return super().execute(template)


if __name__ == "__main__":
    hello.serve(Broken)
