# The hello plugin with one defect (marked DEFECT): like the docs' ApplicationSet example, it answers 403 to a wrong token and then carries on: it runs the template and writes a second response on the same connection.
import hello


class Broken(hello.Plugin):
    def authorized(self):
        if not super().authorized():
            self.send_empty(403)  # DEFECT: refuses, then lets the handler carry on as if authorized
        return True


if __name__ == "__main__":
    hello.serve(Broken)
