// The hello executor plugin in Go with one defect (marked DEFECT): this file replaces
// hello-executor-go/auth.go; everything else is that plugin's.
package main

import (
	"net/http"
	"strings"
)

func (p *plugin) authorized(r *http.Request) bool {
	// DEFECT: a prefix compare: "Bearer <token>" followed by anything is let in.
	return strings.HasPrefix(r.Header.Get("Authorization"), string(p.expected))
}
