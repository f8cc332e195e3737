# The hello plugin with one defect (marked DEFECT): it answers 201 Created when it accepts a template; Argo decodes only a 200 and fails the node.
import hello

import json

class Broken(hello.Plugin):
    def accept(self, template):
        data = json.dumps(self.execute(template)).encode()
        self.send_response(201)  # DEFECT: any status but 200 is fatal in Argo
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    hello.serve(Broken)
