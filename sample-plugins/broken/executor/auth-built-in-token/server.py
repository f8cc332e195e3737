# The hello plugin with one defect (marked DEFECT): it ignores /var/run/argo/token and compares with a token built into the code.
import hello

BUILT_IN = "Bearer 7f3c-plugin-dev-token"  # DEFECT: not the token Argo mounted for this pod

class Broken(hello.Plugin):
    def authorized(self):
        return self.headers.get("Authorization", "") == BUILT_IN


if __name__ == "__main__":
    hello.serve(Broken)
