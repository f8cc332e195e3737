# The hello plugin with one defect (marked DEFECT): it fails with an unhandled exception (the connection drops, no answer) when the Authorization header is long.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        if len(self.headers.get("Authorization", "")) > 8192:
            raise ValueError("header too long")  # DEFECT: unhandled; the server drops the connection
        return super().authorized()


if __name__ == "__main__":
    hello.serve(Broken)
