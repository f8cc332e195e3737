package load

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

const request = `{"workflow":{"metadata":{"name":"wf","namespace":"argo","uid":"u"}},"template":{"name":"main","plugin":{"hello":{}}}}`

// plugin answers {} unless it is the accepting one; it counts calls and checks Argo's headers.
func plugin(t *testing.T, accept bool, calls *atomic.Int64) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		calls.Add(1)
		if r.Header.Get("Authorization") != "Bearer tok" || r.URL.Path != "/api/v1/template.execute" {
			w.WriteHeader(http.StatusForbidden)
			return
		}
		var args map[string]any
		if err := json.Unmarshal(body, &args); err != nil {
			t.Errorf("the body is not JSON: %v", err)
		}
		if accept {
			_, _ = io.WriteString(w, `{"node":{"phase":"Succeeded","message":"hi"}}`)
			return
		}
		_, _ = io.WriteString(w, `{}`)
	}))
}

// Every node goes through the chain in order: two declines, then the accept; nothing fails.
func TestEveryNodeCallsThePluginChainInOrder(t *testing.T) {
	var declines, accepts atomic.Int64
	d1, d2, h := plugin(t, false, &declines), plugin(t, false, &declines), plugin(t, true, &accepts)
	defer d1.Close()
	defer d2.Close()
	defer h.Close()
	res, err := Run(context.Background(), Config{
		Plugins: []Plugin{{d1.URL, "tok"}, {d2.URL, "tok"}, {h.URL, "tok"}},
		Request: []byte(request), Nodes: 200, Warmup: 10, Workers: 16,
	}, "v-test")
	if err != nil {
		t.Fatal(err)
	}
	if res.Calls != 600 || res.FailedNodes != 0 {
		t.Fatalf("calls %d failed %d, want 600 calls and none failed", res.Calls, res.FailedNodes)
	}
	if accepts.Load() != 210 || declines.Load() != 420 {
		t.Fatalf("accepts %d declines %d (warm-up included), want 210 and 420", accepts.Load(), declines.Load())
	}
	if res.CallsPerSec <= 0 || res.PeakRSSKiB <= 0 || res.P99Us < res.P50Us {
		t.Fatalf("figures not measured: %+v", res)
	}
}

// A chain where nobody accepts counts every node as failed, as the agent fails the node.
func TestANodeNoPluginAcceptsIsFailed(t *testing.T) {
	var calls atomic.Int64
	d := plugin(t, false, &calls)
	defer d.Close()
	res, err := Run(context.Background(), Config{Plugins: []Plugin{{d.URL, "tok"}}, Request: []byte(request), Nodes: 20, Workers: 4}, "v-test")
	if err != nil {
		t.Fatal(err)
	}
	if res.FailedNodes != 20 {
		t.Fatalf("failed %d, want 20", res.FailedNodes)
	}
}

func TestARequestThatIsNotExecuteTemplateArgsIsRefused(t *testing.T) {
	_, err := Run(context.Background(), Config{Plugins: []Plugin{{"http://127.0.0.1:1", "t"}}, Request: []byte("[1]"), Nodes: 1}, "v")
	if err == nil || !strings.Contains(err.Error(), "not an ExecuteTemplateArgs") {
		t.Fatalf("err %v", err)
	}
}
