package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInputExitsTwoWithOneSentence(t *testing.T) {
	good := write(t, "t.json", `[{"name":"a","template":{"plugin":{"hello":{}}}}]`)
	cases := map[string][]string{
		"no templates":        {"--plugin", "p=http://127.0.0.1:1"},
		"missing file":        {"--templates", "/nonexistent/t.json"},
		"not an array":        {"--templates", write(t, "x.json", `{"name":"a"}`)},
		"two plugin keys":     {"--templates", write(t, "y.json", `[{"name":"a","template":{"plugin":{"a":{},"b":{}}}}]`)},
		"duplicate name":      {"--templates", write(t, "z.json", `[{"name":"a","template":{}},{"name":"a","template":{}}]`)},
		"bad plugin flag":     {"--plugin", "nourl", "--templates", good},
		"bad address":         {"--plugin", "p=ftp://x", "--templates", good},
		"token for nobody":    {"--plugin", "p=http://127.0.0.1:1", "--token", "q=x", "--templates", good},
		"unreadable token":    {"--plugin", "p=http://127.0.0.1:1", "--token-file", "p=/nonexistent", "--templates", good},
		"unknown flag":        {"--frobnicate", "--templates", good},
		"zero repeat":         {"--repeat", "0", "--templates", good},
		"stray argument":      {"--templates", good, "extra"},
		"duplicate plugin":    {"--plugin", "p=http://127.0.0.1:1", "--plugin", "p=http://127.0.0.1:2", "--templates", good},
		"bad timeout":         {"--timeout", "soon", "--templates", good},
		"plugin name w/slash": {"--plugin", "a/b=http://127.0.0.1:1", "--templates", good},
	}
	for name, args := range cases {
		var out, errOut bytes.Buffer
		code := run(args, &out, &errOut)
		msg := strings.TrimSpace(errOut.String())
		if code != 2 || out.Len() != 0 || strings.Count(msg, "\n") != 0 || !strings.HasPrefix(msg, "argo-agent: ") || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out.String(), msg)
		}
	}
}

func TestRunPrintsHeaderOneLinePerTaskAndSummary(t *testing.T) {
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		_, _ = io.ReadAll(r.Body)
		_, _ = io.WriteString(w, `{"node":{"phase":"Succeeded","message":"Hello template!"}}`)
	}))
	defer srv.Close()
	templates := write(t, "t.json", `[{"name":"a","template":{"plugin":{"hello":{}}}},{"name":"b","template":{"plugin":{"hello":{}}}}]`)
	token := write(t, "token", "tok-from-file")
	var out, errOut bytes.Buffer
	code := run([]string{"--plugin", "hello-executor-plugin=" + srv.URL, "--token-file", "hello-executor-plugin=" + token,
		"--templates", templates, "--patch-rate", "100ms", "--repeat", "2", "--log", filepath.Join(t.TempDir(), "argo.log")}, &out, &errOut)
	if code != 0 || errOut.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines:\n%s", len(lines), out.String())
	}
	kinds := []string{}
	for _, l := range lines {
		var v map[string]any
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		if v["argo"] != "v4.0.5" {
			t.Errorf("argo %v", v["argo"])
		}
		kinds = append(kinds, v["kind"].(string))
		if v["kind"] == "result" && (v["phase"] != "Succeeded" || v["message"] != "Hello template!") {
			t.Errorf("result %s", l)
		}
	}
	if strings.Join(kinds, ",") != "header,result,result,result,result,summary" {
		t.Errorf("kinds %v", kinds)
	}
	if auth != "Bearer tok-from-file" {
		t.Errorf("Authorization %q", auth)
	}
}
