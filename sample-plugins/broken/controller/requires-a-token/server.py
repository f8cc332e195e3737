# The hello controller plugin with one defect (marked DEFECT): it asks for a bearer token, which the controller never sends.
import hello

import hmac
import os

TOKEN_FILE = "/var/run/argo/token"
TOKEN = open(TOKEN_FILE).read().strip() if os.path.exists(TOKEN_FILE) else "controller-plugin-token"


class Broken(hello.Plugin):
    def answer(self, body):
        given = self.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), ("Bearer " + TOKEN).encode()):  # DEFECT: executor plugins check a token; controller plugins get none
            return self.send_empty(403)
        return hello.Plugin.answer(self, body)


if __name__ == "__main__":
    hello.serve(Broken)
