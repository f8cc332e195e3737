# The hello generator plugin with one defect (marked DEFECT): it uses keys with dots and empty maps, which fasttemplate mode flattens into collisions and nothing.
import hello

class Broken(hello.Plugin):
    def generate(self, application_set, parameters):
        reply = super().generate(application_set, parameters)
        for s in reply["output"]["parameters"]:
            s["image.tag"] = "v1"  # DEFECT: a dot in a key
            s["labels"] = {}       # DEFECT: an empty map vanishes when flattened
        return reply


if __name__ == "__main__":
    hello.serve(Broken)
