# The hello generator plugin with one defect (marked DEFECT): it answers 403 to a wrong token and then, like the docs' example, goes on to write the reply on the same connection.
import hello

class Broken(hello.Plugin):
    def forbidden(self):
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        self.read_body()
        if not self.authorized():
            self.forbidden()  # DEFECT: no return; the reply below follows the 403 on the wire
        self.send_json(200, self.generate("", {}))


if __name__ == "__main__":
    hello.serve(Broken)
