# The hello plugin with one defect (marked DEFECT): it parses the body without handling errors: malformed JSON drops the connection with no answer.
import hello

import json

class Broken(hello.Plugin):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not self.authorized():
            return self.send_empty(403)
        if self.path != "/api/v1/template.execute":
            return self.send_empty(404)
        template = json.loads(body)["template"]  # DEFECT: any error here is unhandled
        if "hello" in template.get("plugin", {}):
            return self.accept(template)
        self.decline()


if __name__ == "__main__":
    hello.serve(Broken)
