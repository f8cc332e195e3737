package generator

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

type seen struct {
	path, auth, contentType, userAgent string
	body                               map[string]any
}

func plugin(t *testing.T, handle func(w http.ResponseWriter)) (*httptest.Server, func() []seen) {
	var mu sync.Mutex
	var reqs []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		mu.Lock()
		reqs = append(reqs, seen{r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), r.Header.Get("User-Agent"), body})
		mu.Unlock()
		handle(w)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seen { mu.Lock(); defer mu.Unlock(); return append([]seen(nil), reqs...) }
}

func cases(t *testing.T, js string) []Case {
	t.Helper()
	cs, err := ParseCases([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func run(t *testing.T, cfg Config) *Report {
	t.Helper()
	r, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := r.Lines()
	for _, l := range lines {
		t.Logf("%s", l)
	}
	return r
}

const oneCase = `[{"name":"clusters","generator":{"plugin":{"input":{"parameters":{"env":"prod","n":2}},"requeueAfterSeconds":60}}}]`

func TestParamsAreFlattenedAndTheRequestIsArgoCDs(t *testing.T) {
	srv, reqs := plugin(t, func(w http.ResponseWriter) {
		_, _ = io.WriteString(w, `{"output":{"parameters":[{"cluster":{"name":"a","size":3}},{"cluster":{"name":"b","size":1}}]}}`)
	})
	r := run(t, Config{BaseURL: srv.URL, Token: "  s3cret\n", Cases: cases(t, oneCase)})
	if r.Header.ArgoCD != "v3.1.16" {
		t.Errorf("Argo CD version %q", r.Header.ArgoCD)
	}
	res := r.Results[0]
	if res.Error != nil || len(res.Params) != 2 || res.Params[0]["cluster.name"] != "a" || res.Params[0]["cluster.size"] != "3" {
		t.Fatalf("params %v, error %v", res.Params, res.Error)
	}
	if res.RequeueAfterSeconds != 60 || len(res.Attempts) != 1 || res.Attempts[0].Status != 200 || !res.Attempts[0].NewConnection {
		t.Errorf("requeue %v, attempts %+v", res.RequeueAfterSeconds, res.Attempts)
	}
	q := reqs()[0]
	// The Secret value is trimmed by Argo CD (settings.ReplaceStringSecret).
	if q.path != "/api/v1/getparams.execute" || q.auth != "Bearer s3cret" || q.contentType != "application/json" || q.userAgent != "argocd-applicationset" {
		t.Errorf("request %+v", q)
	}
	if q.body["applicationSetName"] != "clusters" || q.body["input"].(map[string]any)["parameters"].(map[string]any)["env"] != "prod" {
		t.Errorf("body %v", q.body)
	}
}

func TestErrorStatusBecomesArgoCDsError(t *testing.T) {
	srv, reqs := plugin(t, func(w http.ResponseWriter) {
		w.WriteHeader(500)
		_, _ = io.WriteString(w, `{"message":"backend down"}`)
	})
	r := run(t, Config{BaseURL: srv.URL, Token: "t", Cases: cases(t, `[{"name":"x","goTemplate":true,"generator":{"plugin":{}}}]`)})
	res := r.Results[0]
	want := "error listing params: error get api 'x': API error with status code 500: backend down"
	if res.Error == nil || *res.Error != want || len(reqs()) != 1 {
		t.Errorf("error %v, want %q; %d requests", res.Error, want, len(reqs()))
	}
	if res.RequeueAfterSeconds != 1800 {
		t.Errorf("default requeue %v, want 30 min", res.RequeueAfterSeconds)
	}
}

func TestBadRequestTimeoutFailsBeforeAnyCall(t *testing.T) {
	srv, reqs := plugin(t, func(w http.ResponseWriter) { _, _ = io.WriteString(w, `{}`) })
	r := run(t, Config{BaseURL: srv.URL, Token: "t", RequestTimeout: "soon", Cases: cases(t, oneCase)})
	res := r.Results[0]
	if res.Error == nil || !strings.Contains(*res.Error, "error set requestTimeout") || len(reqs()) != 0 || len(res.Attempts) != 0 {
		t.Errorf("error %v, %d requests", res.Error, len(reqs()))
	}
}

// A port where nothing listens: Argo CD's client sends once, gets connection refused, and the
// attempt is reported with the dial error, so a caller can count it as a call.
func TestARefusedConnectionIsAnAttemptWithItsDialError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	r := run(t, Config{BaseURL: url, Token: "t", Cases: cases(t, `[{"name":"x","generator":{"plugin":{}}}]`)})
	res := r.Results[0]
	if res.Error == nil || !strings.Contains(*res.Error, "connection refused") {
		t.Fatalf("error %v, want connection refused", res.Error)
	}
	if len(res.Attempts) != 1 || !strings.Contains(res.Attempts[0].DialError, "connection refused") || res.Attempts[0].Status != 0 {
		t.Errorf("attempts %+v, want one with the dial error", res.Attempts)
	}
}
