# The hello plugin with one defect (marked DEFECT): it compares the Authorization header case-insensitively, so "bearer <token>" passes.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        # DEFECT: lower() on both sides makes the scheme (and the token) case-insensitive
        return self.headers.get("Authorization", "").lower() == ("Bearer " + hello.token).lower()


if __name__ == "__main__":
    hello.serve(Broken)
