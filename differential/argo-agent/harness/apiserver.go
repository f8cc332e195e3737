package harness

import (
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	wfv1 "github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	"github.com/argoproj/argo-workflows/v4/workflow/common"
)

// apiServer stands in for the Kubernetes API server, for the one resource the agent touches: the
// workflow's WorkflowTaskSet. It speaks the API's HTTP (watch stream, merge patch of the status
// subresource) so that Argo's agent reaches it through the same client-go clients it builds in a pod.
// It serves nothing else; any other request is answered 404 and recorded.
type apiServer struct {
	mu         sync.Mutex
	ts         *wfv1.WorkflowTaskSet
	rv         int64
	watchers   map[*apiWatcher]struct{}
	unexpected []string
	onPatch    func(at time.Time, nodes map[string]wfv1.NodeResult)
	srv        *httptest.Server
	done       chan struct{}
}

type apiWatcher struct {
	mu     sync.Mutex
	queue  [][]byte
	signal chan struct{}
}

func (w *apiWatcher) push(b []byte) {
	w.mu.Lock()
	w.queue = append(w.queue, b)
	w.mu.Unlock()
	select {
	case w.signal <- struct{}{}:
	default:
	}
}

func (w *apiWatcher) drain() [][]byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	q := w.queue
	w.queue = nil
	return q
}

func newAPIServer(ts *wfv1.WorkflowTaskSet, onPatch func(time.Time, map[string]wfv1.NodeResult)) *apiServer {
	a := &apiServer{ts: ts, rv: 1, watchers: map[*apiWatcher]struct{}{}, onPatch: onPatch, done: make(chan struct{})}
	a.ts.TypeMeta = metav1.TypeMeta{APIVersion: "argoproj.io/v1alpha1", Kind: "WorkflowTaskSet"}
	a.ts.ResourceVersion = "1"
	a.ts.UID = types.UID("00000000-0000-0000-0000-00000000a9e7")
	a.ts.CreationTimestamp = metav1.Now()
	// TLS, as in a pod (the in-cluster config carries the cluster CA). Over plain HTTP, client-go
	// would use Go's http.DefaultTransport, the transport of the plugin client, and mix the API
	// server's connections into the plugin's.
	a.srv = httptest.NewTLSServer(http.HandlerFunc(a.serve))
	return a
}

// caPEM is the API server's certificate, for the rest config's CAData.
func (a *apiServer) caPEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: a.srv.Certificate().Raw})
}

func (a *apiServer) URL() string { return a.srv.URL }

func (a *apiServer) close() {
	close(a.done)
	a.srv.CloseClientConnections()
	a.srv.Close()
}

func (a *apiServer) unexpectedRequests() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.unexpected...)
}

// objectJSON must be called with a.mu held.
func (a *apiServer) objectJSON() []byte {
	b, err := json.Marshal(a.ts)
	if err != nil {
		panic(err)
	}
	return b
}

// broadcast must be called with a.mu held.
func (a *apiServer) broadcast(eventType string) {
	ev, _ := json.Marshal(map[string]any{"type": eventType, "object": json.RawMessage(a.objectJSON())})
	for w := range a.watchers {
		w.push(ev)
	}
}

// markCompleted does what the workflow controller does once the workflow is fulfilled: it labels the
// task set workflows.argoproj.io/completed=true, on which the agent stops.
func (a *apiServer) markCompleted() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.ts.Labels == nil {
		a.ts.Labels = map[string]string{}
	}
	a.ts.Labels[common.LabelKeyCompleted] = "true"
	a.rv++
	a.ts.ResourceVersion = strconv.FormatInt(a.rv, 10)
	a.broadcast("MODIFIED")
}

func (a *apiServer) fail(w http.ResponseWriter, r *http.Request, code int, msg string) {
	a.mu.Lock()
	a.unexpected = append(a.unexpected, fmt.Sprintf("%s %s: %d %s", r.Method, r.URL.RequestURI(), code, msg))
	a.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(metav1.Status{
		TypeMeta: metav1.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   metav1.StatusFailure, Message: msg, Code: int32(code),
	})
}

func (a *apiServer) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/apis/argoproj.io/v1alpha1/namespaces/" + a.ts.Namespace + "/workflowtasksets"
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		a.fail(w, r, http.StatusNotFound, "the harness's API server serves only the workflow's WorkflowTaskSet")
		return
	}
	q := r.URL.Query()
	switch {
	case r.Method == http.MethodGet && rest == "" && (q.Get("watch") == "true" || q.Get("watch") == "1"):
		a.serveWatch(w, r, q.Get("fieldSelector"))
	case r.Method == http.MethodPatch && rest == "/"+a.ts.Name+"/status":
		a.servePatch(w, r)
	default:
		a.fail(w, r, http.StatusNotFound, "not served by the harness")
	}
}

func (a *apiServer) serveWatch(w http.ResponseWriter, r *http.Request, fieldSelector string) {
	watcher := &apiWatcher{signal: make(chan struct{}, 1)}
	a.mu.Lock()
	// A watch without a resourceVersion starts with a synthetic ADDED event for each object that
	// matches, as the real API server does.
	if fieldSelector == "" || fieldSelector == "metadata.name="+a.ts.Name {
		ev, _ := json.Marshal(map[string]any{"type": "ADDED", "object": json.RawMessage(a.objectJSON())})
		watcher.push(ev)
		a.watchers[watcher] = struct{}{}
	} else {
		a.unexpected = append(a.unexpected, "watch with field selector "+fieldSelector)
	}
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		delete(a.watchers, watcher)
		a.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	if flusher != nil {
		flusher.Flush()
	}
	for {
		for _, ev := range watcher.drain() {
			if _, err := w.Write(append(ev, '\n')); err != nil {
				return
			}
		}
		if flusher != nil {
			flusher.Flush()
		}
		select {
		case <-watcher.signal:
		case <-r.Context().Done():
			return
		case <-a.done:
			return
		}
	}
}

func (a *apiServer) servePatch(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "application/merge-patch+json" {
		a.fail(w, r, http.StatusUnsupportedMediaType, "the harness applies only merge patches, got "+ct)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		a.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	now := time.Now()
	var patch struct {
		Status wfv1.WorkflowTaskSetStatus `json:"status"`
	}
	if err := json.Unmarshal(body, &patch); err != nil {
		a.fail(w, r, http.StatusBadRequest, "patch is not a task set status: "+err.Error())
		return
	}
	a.mu.Lock()
	merged, err := jsonpatch.MergePatch(a.objectJSON(), body)
	if err != nil {
		a.mu.Unlock()
		a.fail(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	var next wfv1.WorkflowTaskSet
	if err := json.Unmarshal(merged, &next); err != nil {
		a.mu.Unlock()
		a.fail(w, r, http.StatusUnprocessableEntity, err.Error())
		return
	}
	// The status subresource changes only the status.
	a.ts.Status = next.Status
	a.rv++
	a.ts.ResourceVersion = strconv.FormatInt(a.rv, 10)
	out := a.objectJSON()
	a.broadcast("MODIFIED")
	a.mu.Unlock()
	if a.onPatch != nil {
		a.onPatch(now, patch.Status.Nodes)
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(out)
}
