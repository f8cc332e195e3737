# faults/flaky-503: answers 503 Service Unavailable to the first N calls, then the hello reply.
# N comes with each template, so scenarios never depend on each other:
#
#   plugin:
#     flaky:
#       failures: 2                  # 503 for the first two calls (default 1)
#       message: plugin is warming up  # the 503 body, which Argo makes the error message
#
# The hello reply adds an output `calls`: how many calls it took.
from fault import Fault, HELLO, serve


class Flaky(Fault):
    KEY = "flaky"

    def options(self, spec):
        return int(spec.get("failures", 1)), str(spec.get("message", "plugin is warming up"))

    def act(self, args, spec, n, options):
        failures, message = options
        if n <= failures:
            return self.answer(503, message.encode(), "text/plain")
        node = dict(HELLO["node"], outputs={"parameters": HELLO["node"]["outputs"]["parameters"] + [
            {"name": "calls", "value": str(n)}]})
        self.answer(200, {"node": node})


if __name__ == "__main__":
    serve(Flaky)
