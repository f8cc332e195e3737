// The hello executor plugin of Argo's docs (seed 001) in Go, standard library only, written to pass
// the conformance suite: token from /var/run/argo/token, 403 with an empty body on a wrong or missing
// bearer for every method and path, {} for other plugins' templates, 404 for unknown RPC methods,
// outputs.parameters foo=bar, and 400 (never a 5xx) for requests Argo would never send.
package main

import (
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
	addr        = ":4355"
	tokenPath   = "/var/run/argo/token"
	executePath = "/api/v1/template.execute"
	maxBody     = 8 << 20 // 8 MiB: Argo's largest templates are far smaller
)

// The node result of a hello template: Succeeded, "Hello template!" and the output parameter foo=bar.
var helloReply = mustJSON(map[string]any{"node": map[string]any{
	"phase":   "Succeeded",
	"message": "Hello template!",
	"outputs": map[string]any{"parameters": []any{map[string]any{"name": "foo", "value": "bar"}}},
}})

type plugin struct {
	expected []byte // "Bearer " + the token
}

func main() {
	token, err := os.ReadFile(tokenPath)
	if err != nil {
		log.Fatalf("cannot read the token: %v", err) // the error names the path, never the token
	}
	p := &plugin{expected: []byte("Bearer " + strings.TrimSpace(string(token)))}
	server := &http.Server{
		Addr:              addr,
		Handler:           p, // not a ServeMux: it would redirect unclean paths instead of refusing them
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       5 * time.Minute, // keep-alive: Argo's Go client keeps idle connections 90 s
	}
	log.Printf("hello executor plugin listening on %s", addr)
	log.Fatal(server.ListenAndServe())
}

// ServeHTTP checks the token before anything else, for every method and path.
func (p *plugin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !p.authorized(r) {
		empty(w, http.StatusForbidden)
		return
	}
	if r.URL.Path != executePath {
		empty(w, http.StatusNotFound) // an RPC method this plugin does not implement: Argo stops calling it
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		empty(w, http.StatusMethodNotAllowed)
		return
	}
	body, status := readBody(w, r)
	if status != http.StatusOK {
		message(w, status, http.StatusText(status))
		return
	}
	template, ok := parse(body)
	if !ok {
		message(w, http.StatusBadRequest, "not a template.execute request")
		return
	}
	if !mine(template) {
		reply(w, http.StatusOK, []byte("{}")) // not our template: Argo asks the next plugin
		return
	}
	reply(w, http.StatusOK, helloReply)
}

// readBody reads at most maxBody bytes: 413 beyond, 400 for a body cut short.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, int) {
	if r.ContentLength > maxBody {
		w.Header().Set("Connection", "close")
		return nil, http.StatusRequestEntityTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	return body, http.StatusOK
}

// parse returns the request's template: a JSON object holding a "template" object.
func parse(body []byte) (map[string]json.RawMessage, bool) {
	var args map[string]json.RawMessage
	if err := json.Unmarshal(body, &args); err != nil || args == nil {
		return nil, false
	}
	var template map[string]json.RawMessage
	if raw, ok := args["template"]; !ok || json.Unmarshal(raw, &template) != nil || template == nil {
		return nil, false
	}
	return template, true
}

// mine: the template's plugin map has the key "hello"; no map, or another plugin's, is not ours.
func mine(template map[string]json.RawMessage) bool {
	var plugins map[string]json.RawMessage
	if json.Unmarshal(template["plugin"], &plugins) != nil {
		return false
	}
	_, ok := plugins["hello"]
	return ok
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
