# The hello plugin with one defect (marked DEFECT): it keeps 256 KiB of every request it serves, so sustained load runs it into its 128Mi memory limit.
import hello

kept = []

class Broken(hello.Plugin):
    def execute(self, template):
        kept.append(bytearray(256 * 1024))  # DEFECT: never released
        return super().execute(template)


if __name__ == "__main__":
    hello.serve(Broken)
