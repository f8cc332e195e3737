# The hello generator plugin with one defect (marked DEFECT): it accepts any bearer token: it checks the scheme, not the token.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        return self.headers.get("Authorization", "").startswith("Bearer ")  # DEFECT: any token will do


if __name__ == "__main__":
    hello.serve(Broken)
