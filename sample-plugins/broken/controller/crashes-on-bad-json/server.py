# The hello controller plugin with one defect (marked DEFECT): a body that is not JSON crashes the handler.
import hello

import json


class Broken(hello.Plugin):
    def answer(self, body):
        json.loads(body)  # DEFECT: parsed before any check; a ValueError escapes and the connection drops unanswered
        return hello.Plugin.answer(self, body)


if __name__ == "__main__":
    hello.serve(Broken)
