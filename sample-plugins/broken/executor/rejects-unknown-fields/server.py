# The hello plugin with one defect (marked DEFECT): it validates templates against a fixed schema and answers 400 to any field it does not know (timeout, retryStrategy, ...).
import hello

KNOWN = {"name", "inputs", "outputs", "metadata", "plugin"}

class Broken(hello.Plugin):
    def accept(self, template):
        unknown = set(template) - KNOWN
        if unknown:
            return self.send_json(400, {"message": "unknown fields: %s" % sorted(unknown)})  # DEFECT
        super().accept(template)


if __name__ == "__main__":
    hello.serve(Broken)
