module argo-conformance.dev/hello-generator-go

go 1.19
