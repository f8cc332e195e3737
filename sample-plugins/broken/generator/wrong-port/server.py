# The hello generator plugin with one defect (marked DEFECT): it listens on 4356 while its Service and docs say 4355.
import hello

if __name__ == "__main__":
    hello.serve(hello.Plugin, 4356)  # DEFECT: not the port it documents
