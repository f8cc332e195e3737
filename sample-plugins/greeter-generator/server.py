# A correct generator plugin whose parameter sets are its own, not the docs' key1/val1 sample's,
# certified the way an author who gives no examples is.
import hello


class Greeter(hello.Plugin):
    def generate(self, application_set, parameters):
        return {"output": {"parameters": [{"greeting": "hi", "cluster": "in-cluster"}]}}


if __name__ == "__main__":
    hello.serve(Greeter)
