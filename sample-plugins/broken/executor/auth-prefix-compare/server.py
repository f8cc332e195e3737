# The hello plugin with one defect (marked DEFECT): it checks that the header starts with "Bearer <token>", so anything may follow the token.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        # DEFECT: startswith, not equality
        return self.headers.get("Authorization", "").startswith("Bearer " + hello.token)


if __name__ == "__main__":
    hello.serve(Broken)
