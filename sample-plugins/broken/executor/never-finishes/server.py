# The countdown plugin with one defect (marked DEFECT): it answers Running with a requeue forever: its job never ends.
import countdown

class Broken(countdown.Countdown):
    def finished(self, seconds, echo):
        return self.running(0)  # DEFECT: the countdown never reports its end


if __name__ == "__main__":
    countdown.serve(Broken)
