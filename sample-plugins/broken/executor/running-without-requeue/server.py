# The countdown plugin with one defect (marked DEFECT): it answers Running without a requeue; Argo never calls it again and the node stays Running forever.
import countdown

class Broken(countdown.Countdown):
    def running(self, left):
        reply = super().running(left)
        del reply["requeue"]  # DEFECT: without a requeue Argo never asks again
        return reply


if __name__ == "__main__":
    countdown.serve(Broken)
