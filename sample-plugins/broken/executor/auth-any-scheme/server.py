# The hello plugin with one defect (marked DEFECT): it accepts the token under the Basic and Token schemes its old gateway used, not only Bearer.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        scheme, _, value = self.headers.get("Authorization", "").partition(" ")
        # DEFECT: the scheme is not part of the check
        return scheme in ("Bearer", "Basic", "Token") and value == hello.token


if __name__ == "__main__":
    hello.serve(Broken)
