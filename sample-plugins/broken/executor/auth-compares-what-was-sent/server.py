# The hello plugin with one defect (marked DEFECT): it compares only as many characters as the caller sent, so a prefix of the token (even an empty one) passes.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        given = self.headers.get("Authorization", "")
        # DEFECT: the expected value starts with what was sent, whatever its length
        return given.startswith("Bearer ") and ("Bearer " + hello.token).startswith(given)


if __name__ == "__main__":
    hello.serve(Broken)
