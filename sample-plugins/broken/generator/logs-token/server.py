# The hello generator plugin with one defect (marked DEFECT): it logs every request's headers, the Authorization header with the token included.
import hello

class Broken(hello.Plugin):
    def do_POST(self):
        print("request", self.path, dict(self.headers))  # DEFECT: the bearer token goes to the logs
        super().do_POST()


if __name__ == "__main__":
    hello.serve(Broken)
