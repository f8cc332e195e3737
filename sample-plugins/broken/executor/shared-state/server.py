# The countdown plugin with one defect (marked DEFECT): it keeps the echo of the call it is answering in a global, so parallel calls get each other's values.
import countdown

import time

last_echo = {}

class Broken(countdown.Countdown):
    def finished(self, seconds, echo):
        last_echo["value"] = echo   # DEFECT: one slot for all threads
        time.sleep(0.05)
        return super().finished(seconds, last_echo["value"])


if __name__ == "__main__":
    countdown.serve(Broken)
