package harness

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// A plugin is a real HTTP server; handle gets the 1-based number of the request.
type plugin struct {
	srv    *httptest.Server
	mu     sync.Mutex
	reqs   []seenRequest
	conns  int
	handle func(n int, body map[string]any, w http.ResponseWriter)
}

type seenRequest struct {
	at          time.Time
	method      string
	path        string
	auth        string
	contentType string
	body        map[string]any
}

func newPlugin(t *testing.T, handle func(n int, body map[string]any, w http.ResponseWriter)) *plugin {
	p := &plugin{handle: handle}
	p.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		p.mu.Lock()
		p.reqs = append(p.reqs, seenRequest{time.Now(), r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), body})
		n := len(p.reqs)
		p.mu.Unlock()
		p.handle(n, body, w)
	}))
	p.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			p.mu.Lock()
			p.conns++
			p.mu.Unlock()
		}
	}
	p.srv.Start()
	t.Cleanup(p.srv.Close)
	return p
}

func (p *plugin) requests() []seenRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]seenRequest(nil), p.reqs...)
}

func (p *plugin) connections() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conns
}

func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func succeeded(w http.ResponseWriter) {
	reply(w, 200, `{"node":{"phase":"Succeeded","message":"done","outputs":{"parameters":[{"name":"foo","value":"bar"}]}}}`)
}

func tok(s string) *string { return &s }

func templates(t *testing.T, js string) []Template {
	t.Helper()
	ts, err := ParseTemplates([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

const helloTemplate = `[{"name":"hello","template":{"name":"main","inputs":{"parameters":[{"name":"x","value":"1"}]},"plugin":{"hello":{"greeting":"hi"}}}}]`

func run(t *testing.T, cfg Config) *Report {
	t.Helper()
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.PatchRate == 0 {
		cfg.PatchRate = 200 * time.Millisecond
	}
	r, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.StoppedBy != "completed" || r.Summary.AgentExit != "returned nil" {
		t.Errorf("run stopped by %q, agent exit %q", r.Summary.StoppedBy, r.Summary.AgentExit)
	}
	if len(r.Summary.UnexpectedAPIRequests) > 0 {
		t.Errorf("unexpected API requests: %v", r.Summary.UnexpectedAPIRequests)
	}
	lines, err := r.Lines()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines {
		t.Logf("%s", l)
	}
	return r
}

func statuses(res Result) []int {
	var s []int
	for _, a := range res.Attempts {
		s = append(s, a.Status)
	}
	return s
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSucceedsAndSendsWhatArgoSends(t *testing.T) {
	p := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) { succeeded(w) })
	r := run(t, Config{
		Plugins:   []Plugin{{Name: "hello-executor-plugin", Address: p.srv.URL, Token: tok("s3cret")}},
		Templates: templates(t, helloTemplate), WorkflowName: "wf-1", Namespace: "ns-1", WorkflowUID: "uid-1",
	})
	if r.Header.Argo != "v4.0.5" {
		t.Errorf("Argo version %q, want the pinned v4.0.5", r.Header.Argo)
	}
	res := r.Results[0]
	if res.Phase != "Succeeded" || res.Message != "done" || res.Outcome != "final" {
		t.Errorf("got %s %q (%s)", res.Phase, res.Message, res.Outcome)
	}
	if res.Outputs == nil || len(res.Outputs.Parameters) != 1 || res.Outputs.Parameters[0].Value.String() != "bar" {
		t.Errorf("outputs %+v", res.Outputs)
	}
	if !equalInts(statuses(res), []int{200}) || res.Attempts[0].Request != "POST /api/v1/template.execute HTTP/1.1" {
		t.Errorf("attempts %+v", res.Attempts)
	}
	if res.ConnectionsOpened != 1 || r.Summary.ConnectionsOpened != 1 || p.connections() != 1 {
		t.Errorf("connections: result %d, summary %d, server %d", res.ConnectionsOpened, r.Summary.ConnectionsOpened, p.connections())
	}
	reqs := p.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	q := reqs[0]
	if q.method != "POST" || q.path != "/api/v1/template.execute" || q.auth != "Bearer s3cret" || q.contentType != "application/json" {
		t.Errorf("request %s %s auth=%q content-type=%q", q.method, q.path, q.auth, q.contentType)
	}
	meta := q.body["workflow"].(map[string]any)["metadata"].(map[string]any)
	if meta["name"] != "wf-1" || meta["namespace"] != "ns-1" || meta["uid"] != "uid-1" {
		t.Errorf("workflow metadata %v", meta)
	}
	tmpl := q.body["template"].(map[string]any)
	if _, ok := tmpl["outputs"]; !ok || tmpl["plugin"].(map[string]any)["hello"].(map[string]any)["greeting"] != "hi" {
		t.Errorf("template %v", tmpl)
	}
}

func TestDeclineGoesToTheNextPluginAndNoneAcceptingFails(t *testing.T) {
	decliner := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) { reply(w, 200, `{}`) })
	acceptor := newPlugin(t, func(_ int, body map[string]any, w http.ResponseWriter) {
		if _, mine := body["template"].(map[string]any)["plugin"].(map[string]any)["hello"]; mine {
			succeeded(w)
		} else {
			reply(w, 200, `null`)
		}
	})
	r := run(t, Config{
		Plugins: []Plugin{
			{Name: "a", Address: decliner.srv.URL, Token: tok("a")},
			{Name: "b", Address: acceptor.srv.URL, Token: tok("b")},
		},
		Templates: templates(t, `[{"name":"hello","template":{"plugin":{"hello":{}}}},{"name":"nobody","template":{"plugin":{"nobody":{}}}}]`),
	})
	hello, nobody := r.Results[0], r.Results[1]
	if hello.Phase != "Succeeded" || len(hello.Attempts) != 2 || hello.Attempts[0].Plugin != "a" || hello.Attempts[1].Plugin != "b" {
		t.Errorf("hello: %s, attempts %+v", hello.Phase, hello.Attempts)
	}
	if nobody.Phase != "Failed" || nobody.Message != "no plugin executed the template" || len(nobody.Attempts) != 2 {
		t.Errorf("nobody: %s %q, %d attempts", nobody.Phase, nobody.Message, len(nobody.Attempts))
	}
	if got := decliner.requests(); len(got) != 2 || got[0].auth != "Bearer a" {
		t.Errorf("decliner saw %d requests", len(got))
	}
}

func TestNotFoundIsRememberedForTheAgentsLifetime(t *testing.T) {
	notFound := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) { reply(w, 404, `not here`) })
	acceptor := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) { succeeded(w) })
	r := run(t, Config{
		Plugins: []Plugin{
			{Name: "gone", Address: notFound.srv.URL, Token: tok("x")},
			{Name: "ok", Address: acceptor.srv.URL, Token: tok("y")},
		},
		Templates: templates(t, `[{"name":"first","template":{"plugin":{"ok":{}}}},{"name":"second","template":{"plugin":{"ok":{}}}},{"name":"third","template":{"plugin":{"ok":{}}}}]`),
		// One worker, so the tasks run one after another and the memory is seen by the later ones.
		TaskWorkers: 1,
	})
	if n := len(notFound.requests()); n != 1 {
		t.Errorf("the 404 plugin was called %d times, Argo remembers a 404 and calls it once", n)
	}
	called404 := 0
	for _, res := range r.Results {
		if res.Phase != "Succeeded" {
			t.Errorf("%s: %s %q", res.Template, res.Phase, res.Message)
		}
		for _, a := range res.Attempts {
			if a.Plugin == "gone" {
				called404++
				if a.Status != 404 || !a.NotCalledAgain || a.Error != "" {
					t.Errorf("404 attempt %+v", a)
				}
			}
		}
	}
	if called404 != 1 {
		t.Errorf("harness saw %d attempts to the 404 plugin", called404)
	}
}

func TestServiceUnavailableIsRetriedWithBackoff(t *testing.T) {
	p := newPlugin(t, func(n int, _ map[string]any, w http.ResponseWriter) {
		if n <= 2 {
			reply(w, 503, `busy`)
			return
		}
		succeeded(w)
	})
	r := run(t, Config{Plugins: []Plugin{{Name: "p", Address: p.srv.URL, Token: tok("t")}}, Templates: templates(t, helloTemplate)})
	res := r.Results[0]
	if res.Phase != "Succeeded" || !equalInts(statuses(res), []int{503, 503, 200}) {
		t.Fatalf("%s, statuses %v", res.Phase, statuses(res))
	}
	if res.Attempts[0].Error != "busy" || res.Attempts[1].Error != "busy" || res.Attempts[2].Error != "" {
		t.Errorf("errors %q %q %q", res.Attempts[0].Error, res.Attempts[1].Error, res.Attempts[2].Error)
	}
	// wait.Backoff{Duration: 1s, Factor: 2, Jitter: 0.2}: sleeps of 1–1.2 s, then 2–2.4 s.
	reqs := p.requests()
	gap1, gap2 := reqs[1].at.Sub(reqs[0].at), reqs[2].at.Sub(reqs[1].at)
	if gap1 < time.Second || gap1 > 1300*time.Millisecond || gap2 < 2*time.Second || gap2 > 2500*time.Millisecond {
		t.Errorf("gaps %v %v, want 1–1.2 s and 2–2.4 s", gap1, gap2)
	}
	hgap := res.Attempts[1].StartMs - res.Attempts[0].StartMs
	if hgap < 1000 || hgap > 1300 {
		t.Errorf("harness gap %.1f ms", hgap)
	}
}

func TestServerErrorFailsAtOnceWithStatusAndBody(t *testing.T) {
	p := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) { reply(w, 500, `boom`) })
	r := run(t, Config{Plugins: []Plugin{{Name: "p", Address: p.srv.URL, Token: tok("t")}}, Templates: templates(t, helloTemplate)})
	res := r.Results[0]
	if res.Phase != "Failed" || res.Message != "500 Internal Server Error: boom" || len(res.Attempts) != 1 || len(p.requests()) != 1 {
		t.Errorf("%s %q, %d attempts, %d requests", res.Phase, res.Message, len(res.Attempts), len(p.requests()))
	}
	if a := res.Attempts[0]; a.Status != 500 || a.Error != "500 Internal Server Error: boom" || a.StatusLine != "HTTP/1.1 500 Internal Server Error" {
		t.Errorf("attempt %+v", a)
	}
}

func TestRunningWithRequeueIsCalledAgain(t *testing.T) {
	p := newPlugin(t, func(n int, _ map[string]any, w http.ResponseWriter) {
		if n == 1 {
			reply(w, 200, `{"node":{"phase":"Running","message":"working"},"requeue":"1s"}`)
			return
		}
		reply(w, 200, `{"node":{"phase":"Succeeded","message":"finished"},"requeue":"1s"}`)
	})
	r := run(t, Config{Plugins: []Plugin{{Name: "p", Address: p.srv.URL, Token: tok("t")}}, Templates: templates(t, helloTemplate)})
	res := r.Results[0]
	if res.Phase != "Succeeded" || res.Message != "finished" || res.Outcome != "final" {
		t.Errorf("%s %q (%s)", res.Phase, res.Message, res.Outcome)
	}
	if res.Processings != 2 || res.Requeues.Count != 1 || len(p.requests()) != 2 {
		t.Fatalf("processings %d, requeues %d, requests %d", res.Processings, res.Requeues.Count, len(p.requests()))
	}
	q := res.Requeues.Items[0]
	if q.Requested != "1s" || q.AfterPhase != "Running" || q.ObservedMs == nil || *q.ObservedMs < 1000 || *q.ObservedMs > 1300 {
		t.Errorf("requeue %+v (observed %v)", q, q.ObservedMs)
	}
	phases := []string{}
	for _, pr := range res.Patches {
		phases = append(phases, pr.Phase)
	}
	if strings.Join(phases, ",") != "Running,Succeeded" {
		t.Errorf("patched phases %v", phases)
	}
}

// Sixteen task workers, Go's DefaultTransport: every concurrent call opens its own connection and
// the pool keeps only two idle ones per host.
func TestSixteenWorkersOpenSixteenConnections(t *testing.T) {
	p := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) {
		time.Sleep(300 * time.Millisecond)
		succeeded(w)
	})
	r := run(t, Config{Plugins: []Plugin{{Name: "p", Address: p.srv.URL, Token: tok("t")}}, Templates: templates(t, helloTemplate), Repeat: 20})
	s := r.Summary
	if s.Tasks != 20 || s.PeakConcurrentAttempts != 16 || len(p.requests()) != 20 {
		t.Errorf("tasks %d, peak concurrent %d, requests %d", s.Tasks, s.PeakConcurrentAttempts, len(p.requests()))
	}
	if s.ConnectionsOpened < 16 || s.ConnectionsOpened != p.connections() {
		t.Errorf("harness counted %d connections, server accepted %d", s.ConnectionsOpened, p.connections())
	}
	perTask := 0
	for _, res := range r.Results {
		perTask += res.ConnectionsOpened
		if res.Phase != "Succeeded" {
			t.Errorf("%s copy %d: %s", res.Template, res.Copy, res.Phase)
		}
	}
	if perTask != s.ConnectionsOpened || s.ConnectionsOpenAtEnd != 0 || s.IdleConnsPerHostLimit != 2 {
		t.Errorf("per-task sum %d, open at end %d, idle limit %d", perTask, s.ConnectionsOpenAtEnd, s.IdleConnsPerHostLimit)
	}
}

// A 200 whose body stops short (Content-Length not reached) fails the node at once in v4.0.5:
// io.ErrUnexpectedEOF from the body is not transient there (retried only from v4.0.8 / v3.7.17, #16484).
func TestTruncatedReplyFailsWithoutRetryInThisVersion(t *testing.T) {
	p := newPlugin(t, func(_ int, _ map[string]any, w http.ResponseWriter) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"node\":{\"pha")
		_ = buf.Flush()
		_ = conn.Close()
	})
	r := run(t, Config{Plugins: []Plugin{{Name: "p", Address: p.srv.URL, Token: tok("t")}}, Templates: templates(t, helloTemplate)})
	res := r.Results[0]
	if res.Phase != "Failed" || res.Message != "unexpected EOF" || len(res.Attempts) != 1 || len(p.requests()) != 1 {
		t.Errorf("%s %q, %d attempts, %d requests", res.Phase, res.Message, len(res.Attempts), len(p.requests()))
	}
}
