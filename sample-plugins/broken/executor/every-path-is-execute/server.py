# The hello plugin with one defect (marked DEFECT): it treats every POST as template.execute whatever its path, so it never answers 404 to a method it does not implement.
import hello

class Broken(hello.Plugin):
    def do_POST(self):
        self.path = "/api/v1/template.execute"  # DEFECT: the path (the RPC method) is ignored
        super().do_POST()


if __name__ == "__main__":
    hello.serve(Broken)
