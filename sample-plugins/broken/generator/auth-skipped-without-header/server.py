# The hello generator plugin with one defect (marked DEFECT): it lets a call without an Authorization header through; it only checks a header that is there.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        if self.headers.get("Authorization") is None:
            return True  # DEFECT: no header, no check
        return super().authorized()


if __name__ == "__main__":
    hello.serve(Broken)
