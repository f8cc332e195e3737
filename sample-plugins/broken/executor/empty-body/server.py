# The hello plugin with one defect (marked DEFECT): it accepts its template with a 200 and no body; Go's decoder reads EOF and Argo fails the node.
import hello

class Broken(hello.Plugin):
    def accept(self, template):
        self.send_empty(200)  # DEFECT: the work is done but the reply says nothing


if __name__ == "__main__":
    hello.serve(Broken)
