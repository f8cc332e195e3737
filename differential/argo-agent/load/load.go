// Package load drives Argo's own plugin call path at volume, for the benchmark
// (reference-controller/bench/run-benchmark.sh): N nodes, each through the agent's plugin chain
// (every plugin in order until one replies with a node, as AgentExecutor.executeTemplate does),
// over Argo's RPC client (workflow/executor/plugins/rpc.New: Bearer token, 30 s timeout, backoff)
// and Go's http.DefaultTransport, from as many workers as the agent's task workers (16).
//
// What it leaves out of AgentExecutor: the WorkflowTaskSet watch and the status patches, which the
// agent batches every ARGO_AGENT_PATCH_RATE (10 s); they cost Kubernetes API calls, not plugin calls.
package load

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	executorplugins "github.com/argoproj/argo-workflows/v4/pkg/plugins/executor"
	"github.com/argoproj/argo-workflows/v4/util/logging"
	"github.com/argoproj/argo-workflows/v4/workflow/executor/plugins/rpc"
)

// Plugin is one sidecar: its address and its token, as the agent reads them.
type Plugin struct {
	Address string
	Token   string
}

// Config is one load run.
type Config struct {
	Plugins []Plugin
	// Request is the body of one call (ExecuteTemplateArgs), the same for every node.
	Request []byte
	Nodes   int
	Warmup  int
	Workers int
}

// Result is the line the benchmark reads.
type Result struct {
	Kind          string  `json:"kind"`
	Argo          string  `json:"argo"`
	Nodes         int     `json:"nodes"`
	Calls         int64   `json:"calls"`
	Workers       int     `json:"workers"`
	Seconds       float64 `json:"seconds"`
	CallsPerSec   float64 `json:"rps"`
	P50Us         float64 `json:"p50_us"`
	P99Us         float64 `json:"p99_us"`
	CPUUsPerCall  float64 `json:"cpu_us_per_call"`
	PeakRSSKiB    int64   `json:"peak_rss_kib"`
	FailedNodes   int64   `json:"failed"`
	WarmupNodes   int     `json:"warmup"`
	WarmupSeconds float64 `json:"warmup_seconds"`
}

// Run makes cfg.Warmup nodes' calls, then cfg.Nodes nodes' calls measured.
func Run(ctx context.Context, cfg Config, argoVersion string) (*Result, error) {
	if len(cfg.Plugins) == 0 {
		return nil, fmt.Errorf("no plugin to call")
	}
	if cfg.Workers < 1 {
		cfg.Workers = 16
	}
	var args executorplugins.ExecuteTemplateArgs
	if err := json.Unmarshal(cfg.Request, &args); err != nil {
		return nil, fmt.Errorf("the request is not an ExecuteTemplateArgs: %v", err)
	}
	// One RPC client per plugin for the whole run, as initAgentExecutor makes them once per agent pod.
	var plugins []executorplugins.TemplateExecutor
	for _, p := range cfg.Plugins {
		plugins = append(plugins, rpc.New(p.Address, p.Token))
	}
	// Argo's client takes its logger from the context, as the agent gives it one: info level, text, as an agent
	// pod logs (to nowhere here; the formatting is still paid).
	ctx = logging.WithLogger(ctx, logging.NewSlogLoggerCustom(logging.Info, logging.Text, io.Discard))
	res := &Result{Kind: "load", Argo: argoVersion, Nodes: cfg.Nodes, Workers: cfg.Workers, WarmupNodes: cfg.Warmup}
	if cfg.Warmup > 0 {
		start := time.Now()
		if _, _, _, err := pass(ctx, plugins, args, cfg.Warmup, cfg.Workers); err != nil {
			return nil, err
		}
		res.WarmupSeconds = time.Since(start).Seconds()
	}
	cpu0 := cpuTime()
	start := time.Now()
	calls, failed, latencies, err := pass(ctx, plugins, args, cfg.Nodes, cfg.Workers)
	if err != nil {
		return nil, err
	}
	res.Seconds = time.Since(start).Seconds()
	cpu := cpuTime() - cpu0
	res.Calls = calls
	res.FailedNodes = failed
	res.CallsPerSec = float64(calls) / res.Seconds
	res.CPUUsPerCall = float64(cpu.Microseconds()) / float64(calls)
	sort.Slice(latencies, func(i, j int) bool { return latencies[i] < latencies[j] })
	res.P50Us = float64(latencies[len(latencies)/2].Microseconds())
	res.P99Us = float64(latencies[len(latencies)*99/100].Microseconds())
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		res.PeakRSSKiB = ru.Maxrss // kilobytes on Linux
	}
	return res, nil
}

// pass runs n nodes through the plugin chain from workers goroutines; every call's latency is kept.
func pass(ctx context.Context, plugins []executorplugins.TemplateExecutor, args executorplugins.ExecuteTemplateArgs, n, workers int) (int64, int64, []time.Duration, error) {
	next := int64(-1)
	var calls, failed atomic.Int64
	per := make([][]time.Duration, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			lat := make([]time.Duration, 0, n*len(plugins)/workers+16)
			for atomic.AddInt64(&next, 1) < int64(n) {
				accepted := false
				for _, p := range plugins { // AgentExecutor.executeTemplate: the first reply with a node wins
					reply := &executorplugins.ExecuteTemplateReply{}
					t0 := time.Now()
					err := p.ExecuteTemplate(ctx, args, reply)
					lat = append(lat, time.Since(t0))
					calls.Add(1)
					if err != nil {
						break
					}
					if reply.Node != nil {
						accepted = true
						break
					}
				}
				if !accepted {
					failed.Add(1)
				}
			}
			per[w] = lat
		}(w)
	}
	wg.Wait()
	var all []time.Duration
	for _, l := range per {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return 0, 0, nil, fmt.Errorf("no call was made")
	}
	return calls.Load(), failed.Load(), all, ctx.Err()
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
