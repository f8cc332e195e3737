# The countdown plugin with one defect (marked DEFECT): it sends its requeue as a number of seconds (1) instead of a Go duration string ("1s"); Argo cannot decode it.
import countdown

class Broken(countdown.Countdown):
    def running(self, left):
        reply = super().running(left)
        reply["requeue"] = 1  # DEFECT: metav1.Duration takes a string such as "1s"
        return reply


if __name__ == "__main__":
    countdown.serve(Broken)
