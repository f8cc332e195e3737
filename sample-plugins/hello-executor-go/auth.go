package main

import (
	"crypto/subtle"
	"net/http"
)

// authorized reports whether the call carries exactly one Authorization header and it equals
// "Bearer <token>", compared in constant time. (Go's server trims the spaces around a header value,
// as RFC 9110 says a recipient should, so "Bearer <token> " arrives as "Bearer <token>".)
func (p *plugin) authorized(r *http.Request) bool {
	values := r.Header.Values("Authorization")
	if len(values) != 1 {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(values[0]), p.expected) == 1
}
