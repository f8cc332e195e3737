// The ApplicationSet generator plugin of Argo CD's docs (seed 004) in Go, standard library only, with
// the docs' 403 fall-through fixed (their handler answers 403 and then carries on) and written to pass
// the conformance suite: token from /var/run/argo/token, an exact bearer compare in constant time,
// {"output": {"parameters": [...]}} for any input, 400 (never a 5xx) for requests Argo CD would never send.
package main

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	addr      = ":4355"
	tokenPath = "/var/run/argo/token"
	rpcPath   = "/api/v1/getparams.execute"
	maxBody   = 8 << 20
)

// The docs' reply: two parameter sets, whatever the input.
var docsReply = mustJSON(map[string]any{"output": map[string]any{"parameters": []any{
	map[string]string{"key1": "val1", "key2": "val2"},
	map[string]string{"key1": "val2", "key2": "val2"},
}}})

type plugin struct {
	expected []byte // "Bearer " + the token
}

func main() {
	token, err := os.ReadFile(tokenPath)
	if err != nil {
		log.Fatalf("cannot read the token: %v", err) // the error names the path, never the token
	}
	p := &plugin{expected: []byte("Bearer " + strings.TrimSpace(string(token)))}
	server := &http.Server{Addr: addr, Handler: p, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 5 * time.Minute}
	log.Printf("hello generator plugin listening on %s", addr)
	log.Fatal(server.ListenAndServe())
}

// authorized: exactly one Authorization header, equal to "Bearer <token>" (constant time).
func (p *plugin) authorized(r *http.Request) bool {
	values := r.Header.Values("Authorization")
	return len(values) == 1 && subtle.ConstantTimeCompare([]byte(values[0]), p.expected) == 1
}

func (p *plugin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !p.authorized(r) {
		empty(w, http.StatusForbidden) // and nothing else: the fix to the docs' example
		return
	}
	if r.URL.Path != rpcPath {
		empty(w, http.StatusNotFound)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		empty(w, http.StatusMethodNotAllowed)
		return
	}
	if r.ContentLength > maxBody {
		w.Header().Set("Connection", "close")
		message(w, http.StatusRequestEntityTooLarge, "body larger than 8 MiB")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		message(w, http.StatusRequestEntityTooLarge, "body larger than 8 MiB")
		return
	} else if err != nil {
		message(w, http.StatusBadRequest, "the body was cut short")
		return
	}
	if !validRequest(body) {
		message(w, http.StatusBadRequest, "not a getparams.execute request")
		return
	}
	reply(w, http.StatusOK, docsReply)
}

// validRequest: a JSON object whose input, when given, is an object whose parameters, when given, are
// a map (values of any JSON type). Argo CD leaves input.parameters out when there are none.
func validRequest(body []byte) bool {
	var args map[string]json.RawMessage
	if json.Unmarshal(body, &args) != nil || args == nil {
		return false
	}
	var input map[string]json.RawMessage
	if raw, ok := args["input"]; ok && json.Unmarshal(raw, &input) != nil {
		return false
	}
	var parameters map[string]json.RawMessage
	if raw, ok := input["parameters"]; ok && json.Unmarshal(raw, &parameters) != nil {
		return false
	}
	return true
}

func reply(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func message(w http.ResponseWriter, status int, text string) {
	reply(w, status, mustJSON(map[string]string{"message": text}))
}

func empty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
