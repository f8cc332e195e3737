# The hello plugin with one defect (marked DEFECT): it accepts the mounted token and also "strong-password", the token of Argo CD's plugin docs, kept from development.
import hello

class Broken(hello.Plugin):
    def authorized(self):
        # DEFECT: a default from the docs still opens the door
        return super().authorized() or self.headers.get("Authorization", "") == "Bearer strong-password"


if __name__ == "__main__":
    hello.serve(Broken)
