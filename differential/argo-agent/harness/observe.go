package harness

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/argoproj/argo-workflows/v4/util/logging"
)

// Observation without changing behaviour. Three taps, none of which sits between Argo's code and the
// plugin's bytes:
//
//  1. obsLogger: the logger Argo's code finds in its context. It forwards every call to Argo's own
//     slog logger and records the structured events Argo logs anyway ("Processing task", "Calling
//     plugin", "Called plugin" + statusCode, "Plugin returned error" + the exact error the retry
//     predicate saw, "method not found, not calling again", "Sending result" + phase/message/requeue,
//     "Task is already considered"). Each carries the nodeID field the agent's task worker adds.
//  2. httptrace: when Argo's plugin client puts its per-call logger in the request context
//     (workflow/util/plugins.Client.Call → InContext), obsLogger adds a ClientTrace to that context,
//     which tells whether each attempt got a new or a reused connection.
//  3. the dialer: Argo's plugin client is http.Client{Timeout: 30s} with a nil Transport, i.e. Go's
//     http.DefaultTransport. Its DialContext is wrapped (the same dialer is still called) so that
//     connections opened and closed are counted and the request and status lines on each
//     connection are read as they pass. The RoundTripper itself is NOT replaced: a wrapper would make
//     net/http treat the transport as unknown and change how the 30 s timeout cancels a request (and
//     so the error text Argo reports).

// recorder holds what one run observed.
type recorder struct {
	mu      sync.Mutex
	t0      time.Time
	nodes   map[string]*nodeRec
	plugins map[string]string // address → plugin name
	// pluginHosts are the host:port pairs of the plugins; dials elsewhere are counted apart.
	pluginHosts map[string]bool
	otherDials  int
	changed     chan struct{}
	agentErr    []string

	connsOpened, connsClosed, connsOpen, peakOpen int
	dialErrors                                    int
	inflight, peakInflight                        int
}

func newRecorder() *recorder {
	return &recorder{t0: time.Now(), nodes: map[string]*nodeRec{}, plugins: map[string]string{}, pluginHosts: map[string]bool{}, changed: make(chan struct{}, 1)}
}

func (r *recorder) ms(t time.Time) float64 {
	return float64(t.Sub(r.t0).Microseconds()) / 1000
}

func (r *recorder) notify() {
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

type nodeRec struct {
	id       string
	template string
	copy     int

	processings    int
	processing     bool
	considered     int
	sentAt         time.Time
	sentPhase      string
	sentMessage    string
	sentRequeue    time.Duration
	results        int
	requeues       []*requeueRec
	attempts       []*attemptRec
	open           *attemptRec
	patches        []patchRec
	lastPatch      *patchRec
	lastPatchAt    time.Time
	taskErrors     []string
	patchedCurrent bool
}

type requeueRec struct {
	Requested  string   `json:"requested"`
	AfterPhase string   `json:"afterPhase"`
	ObservedMs *float64 `json:"observedMs"`
	at         time.Time
}

type attemptRec struct {
	Plugin         string   `json:"plugin"`
	RPC            string   `json:"rpc"`
	Request        string   `json:"request,omitempty"`
	Status         int      `json:"status,omitempty"`
	StatusLine     string   `json:"statusLine,omitempty"`
	Error          string   `json:"error,omitempty"`
	StartMs        float64  `json:"startMs"`
	DurationMs     *float64 `json:"durationMs"`
	NewConnection  *bool    `json:"newConnection,omitempty"`
	LocalAddr      string   `json:"localAddr,omitempty"`
	NotCalledAgain bool     `json:"notCalledAgain,omitempty"`
	start          time.Time
	conn           *obsConn
}

type patchRec struct {
	AtMs    float64 `json:"atMs"`
	Phase   string  `json:"phase"`
	Message string  `json:"message,omitempty"`
	result  any
}

func (r *recorder) node(id string) *nodeRec {
	n := r.nodes[id]
	if n == nil {
		n = &nodeRec{id: id}
		r.nodes[id] = n
	}
	return n
}

// closeAttempt must be called with r.mu held.
func (r *recorder) closeAttempt(n *nodeRec, at time.Time) {
	a := n.open
	if a == nil {
		return
	}
	d := r.ms(at) - a.StartMs
	a.DurationMs = &d
	if a.conn != nil {
		if a.Request == "" {
			a.Request = a.conn.requestLine()
		}
		if a.StatusLine == "" {
			a.StatusLine = a.conn.statusLine()
		}
		a.conn = nil
	}
	n.open = nil
	r.inflight--
}

// event is called for every log line Argo's code writes through obsLogger.
func (r *recorder) event(level logging.Level, msg string, f logging.Fields) {
	now := time.Now()
	id, _ := f["nodeID"].(string)
	r.mu.Lock()
	defer r.mu.Unlock()
	if id == "" {
		if level == logging.Error {
			errText := ""
			if e, ok := f[logging.ErrorField].(error); ok {
				errText = ": " + e.Error()
			}
			r.agentErr = append(r.agentErr, msg+errText)
		}
		return
	}
	n := r.node(id)
	switch msg {
	case "Task is already considered":
		n.considered++
	case "Processing task":
		n.processings++
		n.processing = true
		for _, q := range n.requeues {
			if q.ObservedMs == nil {
				d := float64(now.Sub(q.at).Microseconds()) / 1000
				q.ObservedMs = &d
			}
		}
	case "Calling plugin":
		r.closeAttempt(n, now)
		addr, _ := f["address"].(string)
		method, _ := f["method"].(string)
		a := &attemptRec{Plugin: r.plugins[addr], RPC: method, start: now, StartMs: r.ms(now)}
		if a.Plugin == "" {
			a.Plugin = addr
		}
		n.attempts = append(n.attempts, a)
		n.open = a
		r.inflight++
		if r.inflight > r.peakInflight {
			r.peakInflight = r.inflight
		}
	case "Called plugin":
		if n.open != nil {
			if c, ok := f["statusCode"].(int); ok {
				n.open.Status = c
			}
		}
	case "method not found, not calling again":
		if n.open != nil {
			n.open.NotCalledAgain = true
		}
	case "Plugin returned error":
		if n.open != nil {
			if e, ok := f[logging.ErrorField].(error); ok {
				n.open.Error = e.Error()
			}
		}
		r.closeAttempt(n, now)
	case "Error in agent task":
		if e, ok := f[logging.ErrorField].(error); ok {
			n.taskErrors = append(n.taskErrors, e.Error())
		}
	case "Sending result":
		r.closeAttempt(n, now)
		n.processing = false
		n.results++
		n.sentAt = now
		n.sentPhase = fmt.Sprint(f["phase"])
		n.sentMessage, _ = f["message"].(string)
		n.sentRequeue, _ = f["requeue"].(time.Duration)
		n.patchedCurrent = n.sentPhase == ""
		if n.sentRequeue > 0 {
			n.requeues = append(n.requeues, &requeueRec{Requested: n.sentRequeue.String(), AfterPhase: n.sentPhase, at: now})
		}
		r.notify()
	}
}

func (r *recorder) traceFor(nodeID string) *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			n := r.nodes[nodeID]
			if n == nil || n.open == nil {
				return
			}
			isNew := !info.Reused
			n.open.NewConnection = &isNew
			if info.Conn != nil {
				n.open.LocalAddr = info.Conn.LocalAddr().String()
				if c, ok := info.Conn.(*obsConn); ok {
					n.open.conn = c
				}
			}
		},
		WroteRequest: func(httptrace.WroteRequestInfo) {
			r.mu.Lock()
			defer r.mu.Unlock()
			if n := r.nodes[nodeID]; n != nil && n.open != nil && n.open.conn != nil {
				n.open.Request = n.open.conn.requestLine()
			}
		},
		GotFirstResponseByte: func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			if n := r.nodes[nodeID]; n != nil && n.open != nil && n.open.conn != nil {
				n.open.StatusLine = n.open.conn.statusLine()
				if f := strings.Fields(n.open.StatusLine); len(f) >= 2 && n.open.Status == 0 {
					n.open.Status, _ = strconv.Atoi(f[1])
				}
			}
		},
	}
}

// --- the logger tap ---

type obsLogger struct {
	inner  logging.Logger
	fields logging.Fields
	rec    *recorder
}

func newObsLogger(inner logging.Logger, rec *recorder) *obsLogger {
	return &obsLogger{inner: inner, fields: logging.Fields{}, rec: rec}
}

func (l *obsLogger) derive(inner logging.Logger, extra logging.Fields) *obsLogger {
	f := make(logging.Fields, len(l.fields)+len(extra))
	for k, v := range l.fields {
		f[k] = v
	}
	for k, v := range extra {
		f[k] = v
	}
	return &obsLogger{inner: inner, fields: f, rec: l.rec}
}

func (l *obsLogger) WithFields(fields logging.Fields) logging.Logger {
	return l.derive(l.inner.WithFields(fields), fields)
}
func (l *obsLogger) WithField(name string, value any) logging.Logger {
	return l.derive(l.inner.WithField(name, value), logging.Fields{name: value})
}
func (l *obsLogger) WithError(err error) logging.Logger {
	return l.derive(l.inner.WithError(err), logging.Fields{logging.ErrorField: err})
}
func (l *obsLogger) WithPanic() logging.Logger { return l.derive(l.inner.WithPanic(), nil) }
func (l *obsLogger) WithFatal() logging.Logger { return l.derive(l.inner.WithFatal(), nil) }
func (l *obsLogger) Debug(ctx context.Context, msg string) {
	l.rec.event(logging.Debug, msg, l.fields)
	l.inner.Debug(ctx, msg)
}
func (l *obsLogger) Info(ctx context.Context, msg string) {
	l.rec.event(logging.Info, msg, l.fields)
	l.inner.Info(ctx, msg)
}
func (l *obsLogger) Warn(ctx context.Context, msg string) {
	l.rec.event(logging.Warn, msg, l.fields)
	l.inner.Warn(ctx, msg)
}
func (l *obsLogger) Error(ctx context.Context, msg string) {
	l.rec.event(logging.Error, msg, l.fields)
	l.inner.Error(ctx, msg)
}
func (l *obsLogger) NewBackgroundContext() context.Context {
	return logging.WithLogger(context.Background(), l)
}
func (l *obsLogger) Level() logging.Level { return l.inner.Level() }

// InContext is where Argo's plugin client (workflow/util/plugins.Client.Call) puts its per-call logger,
// carrying the address and method fields, into the context it then builds its requests with. For
// such a context a ClientTrace is added, so each attempt of that call reports its connection.
func (l *obsLogger) InContext(ctx context.Context) (context.Context, logging.Logger) {
	nodeID, _ := l.fields["nodeID"].(string)
	_, hasAddr := l.fields["address"]
	_, hasMethod := l.fields["method"]
	if nodeID != "" && hasAddr && hasMethod {
		ctx = httptrace.WithClientTrace(ctx, l.rec.traceFor(nodeID))
	}
	return logging.WithLogger(ctx, l), l
}

// --- the dialer tap ---

var (
	currentRecorder atomic.Pointer[recorder]
	installOnce     sync.Once
)

// installDialTap wraps the DialContext of Go's http.DefaultTransport (the transport Argo's plugin
// client uses) once per process. The original dialer still makes every connection.
func installDialTap() {
	installOnce.Do(func() {
		t, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return
		}
		orig := t.DialContext
		if orig == nil {
			d := &net.Dialer{}
			orig = d.DialContext
		}
		t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			rec := currentRecorder.Load()
			c, err := orig(ctx, network, addr)
			if rec == nil {
				return c, err
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if !rec.pluginHosts[addr] {
				rec.otherDials++
				return c, err
			}
			if err != nil {
				rec.dialErrors++
				return c, err
			}
			rec.connsOpened++
			rec.connsOpen++
			if rec.connsOpen > rec.peakOpen {
				rec.peakOpen = rec.connsOpen
			}
			return &obsConn{Conn: c, rec: rec}, nil
		}
	})
}

// obsConn counts its close and remembers the last request line written and status line read.
type obsConn struct {
	net.Conn
	rec       *recorder
	closeOnce sync.Once
	mu        sync.Mutex
	reqLine   string
	statLine  string
	awaitResp bool
}

func firstLine(b []byte) string {
	if i := bytes.Index(b, []byte("\r\n")); i >= 0 {
		return string(b[:i])
	}
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}

func (c *obsConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	if line := firstLine(b); strings.HasSuffix(line, " HTTP/1.1") || strings.HasSuffix(line, " HTTP/1.0") {
		c.reqLine = line
		c.statLine = ""
		c.awaitResp = true
	}
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *obsConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.mu.Lock()
		if c.awaitResp && bytes.HasPrefix(b[:n], []byte("HTTP/")) {
			c.statLine = firstLine(b[:n])
			c.awaitResp = false
		}
		c.mu.Unlock()
	}
	return n, err
}

func (c *obsConn) requestLine() string { c.mu.Lock(); defer c.mu.Unlock(); return c.reqLine }
func (c *obsConn) statusLine() string  { c.mu.Lock(); defer c.mu.Unlock(); return c.statLine }

func (c *obsConn) Close() error {
	c.closeOnce.Do(func() {
		c.rec.mu.Lock()
		c.rec.connsClosed++
		c.rec.connsOpen--
		c.rec.mu.Unlock()
	})
	return c.Conn.Close()
}
