# The hello controller plugin with one defect (marked DEFECT): a body that is not JSON crashes the handler.
import hello

import json


class Broken(hello.Plugin):
    def do_POST(self):
        body = self.read_body()
        json.loads(body)  # DEFECT: parsed before any check; a ValueError escapes and the connection drops unanswered
        self.read_body = lambda: body
        return hello.Plugin.do_POST(self)


if __name__ == "__main__":
    hello.serve(Broken)
