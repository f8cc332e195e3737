# The hello plugin with one defect (marked DEFECT): for its own templates it closes the connection without any response, as a handler that crashes in its worker does.
import hello


class Broken(hello.Plugin):
    def accept(self, template):
        self.close_connection = True  # DEFECT: no response at all; Argo sees EOF and retries, then fails the node
        return


if __name__ == "__main__":
    hello.serve(Broken)
