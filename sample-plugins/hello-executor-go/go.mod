module argo-conformance.dev/hello-executor-go

go 1.19
