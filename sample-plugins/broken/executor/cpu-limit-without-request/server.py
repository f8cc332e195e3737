# The hello plugin, unchanged: this sample's defect is in its plugin.yaml.
import hello

if __name__ == "__main__":
    hello.serve()
