package generator

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Argo CD's plugin client is &http.Client{Timeout: ...} with a nil Transport: Go's
// http.DefaultTransport. Its DialContext is wrapped (the original dialer still dials) to count
// connections and to read each request line and status line as they pass on the wire. The
// RoundTripper is not replaced, so net/http's timeout handling stays as Argo CD has it.

type tap struct {
	mu                               sync.Mutex
	t0                               time.Time
	hosts                            map[string]bool
	opened, closed, open, dialErrors int
	exchanges                        []*Attempt
}

var (
	current     atomic.Pointer[tap]
	installOnce sync.Once
)

func install() *tap {
	installOnce.Do(func() {
		t, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return
		}
		orig := t.DialContext
		if orig == nil {
			orig = (&net.Dialer{}).DialContext
		}
		t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			tp := current.Load()
			c, err := orig(ctx, network, addr)
			if tp == nil {
				return c, err
			}
			tp.mu.Lock()
			defer tp.mu.Unlock()
			if !tp.hosts[addr] {
				return c, err
			}
			if err != nil {
				// An attempt that never reached the wire: Argo CD's client sent it and got this error.
				tp.dialErrors++
				tp.exchanges = append(tp.exchanges, &Attempt{StartMs: tp.ms(time.Now()), DialError: err.Error()})
				return c, err
			}
			tp.opened++
			tp.open++
			return &conn{Conn: c, tap: tp, fresh: true}, nil
		}
	})
	return &tap{t0: time.Now(), hosts: map[string]bool{}}
}

func (t *tap) ms(at time.Time) float64 { return float64(at.Sub(t.t0).Microseconds()) / 1000 }

func (t *tap) mark() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.exchanges)
}

func (t *tap) since(i int) []*Attempt {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := append([]*Attempt{}, t.exchanges[i:]...)
	return out
}

type conn struct {
	net.Conn
	tap       *tap
	fresh     bool
	closeOnce sync.Once
	cur       *Attempt
}

func firstLine(b []byte) string {
	if i := bytes.Index(b, []byte("\r\n")); i >= 0 {
		return string(b[:i])
	}
	return ""
}

func (c *conn) Write(b []byte) (int, error) {
	if line := firstLine(b); strings.HasSuffix(line, " HTTP/1.1") {
		c.tap.mu.Lock()
		a := &Attempt{Request: line, StartMs: c.tap.ms(time.Now()), NewConnection: c.fresh, LocalAddr: c.LocalAddr().String()}
		c.fresh = false
		c.cur = a
		c.tap.exchanges = append(c.tap.exchanges, a)
		c.tap.mu.Unlock()
	}
	return c.Conn.Write(b)
}

func (c *conn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.tap.mu.Lock()
		if a := c.cur; a != nil && a.StatusLine == "" && bytes.HasPrefix(b[:n], []byte("HTTP/")) {
			a.StatusLine = firstLine(b[:n])
			if f := strings.Fields(a.StatusLine); len(f) >= 2 {
				a.Status, _ = strconv.Atoi(f[1])
			}
			fb := c.tap.ms(time.Now())
			a.FirstByteMs = &fb
		}
		c.tap.mu.Unlock()
	}
	return n, err
}

func (c *conn) Close() error {
	c.closeOnce.Do(func() {
		c.tap.mu.Lock()
		c.tap.closed++
		c.tap.open--
		c.tap.mu.Unlock()
	})
	return c.Conn.Close()
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}
