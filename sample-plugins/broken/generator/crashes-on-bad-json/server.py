# The hello generator plugin with one defect (marked DEFECT): it parses the body without handling errors: malformed JSON drops the connection with no answer.
import hello

import json

class Broken(hello.Plugin):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self.authorized():
            return self.forbidden()
        args = json.loads(body)  # DEFECT: unhandled
        self.send_json(200, self.generate(args.get("applicationSetName", ""), args.get("input", {}).get("parameters", {})))


if __name__ == "__main__":
    hello.serve(Broken)
