# The hello plugin with one defect (marked DEFECT): it listens on 8080, one of the common ports the docs ask plugins to avoid.
import hello

if __name__ == "__main__":
    hello.serve(hello.Plugin, 8080)  # DEFECT: a common port
