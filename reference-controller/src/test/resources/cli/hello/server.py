# Stands in for the hello plugin's script: the CLI tests build it into the ConfigMap's args and never run it.
# A JDK HttpServer (SeedHelloPlugin) answers as the seed's server.py would.
print("hello executor plugin")
