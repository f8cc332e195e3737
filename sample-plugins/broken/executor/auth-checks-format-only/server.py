# The hello plugin with one defect (marked DEFECT): it accepts any bearer token of Argo's shape (32 characters of its alphabet) instead of comparing it with the mounted one.
import hello

import re

class Broken(hello.Plugin):
    def authorized(self):
        # DEFECT: checks that the token looks like Argo's, not that it is the one in /var/run/argo/token
        return re.fullmatch(r"Bearer [bcdfghjklmnpqrstvwxz2456789]{32}", self.headers.get("Authorization", "")) is not None


if __name__ == "__main__":
    hello.serve(Broken)
