# The hello generator plugin with one defect (marked DEFECT): it answers {parameters: [...]} without the output wrapper, as a popular tutorial shows; Argo CD reads zero sets and prunes.
import hello

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        return {"parameters": super().generate(application_set, parameters)["output"]["parameters"]}  # DEFECT


if __name__ == "__main__":
    hello.serve(Broken)
