# faults/scripted: answers the k-th call for a template with the k-th reply of its script (the
# last one again once the script runs out), for requeue and phase scenarios:
#
#   plugin:
#     scripted:
#       replies:
#         - {phase: Running, requeue: 1s}     # any of phase, message, outputs, requeue
#         - {phase: Succeeded, message: done}
#
# phase defaults to Succeeded and message to "call k". requeue is sent exactly as written, so a
# number or "1d" reaches Argo as the plugin sent it; without the key, the reply has no requeue.
from fault import Fault, serve


class Scripted(Fault):
    KEY = "scripted"

    def options(self, spec):
        replies = spec.get("replies") or [{}]
        if not isinstance(replies, list) or not all(isinstance(r, dict) for r in replies):
            raise TypeError("replies")
        return replies

    def act(self, args, spec, n, replies):
        step = replies[min(n, len(replies)) - 1]
        reply = {"node": {"phase": step.get("phase", "Succeeded"), "message": step.get("message", "call %d" % n)}}
        if "outputs" in step:
            reply["node"]["outputs"] = step["outputs"]
        if "requeue" in step:
            reply["requeue"] = step["requeue"]
        self.answer(200, reply)


if __name__ == "__main__":
    serve(Scripted)
