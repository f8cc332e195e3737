// Command argo-agent runs Argo Workflows' own executor-plugin agent code against running plugins and
// prints what it did as JSON lines. See README.md.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"k8s.io/klog/v2"

	"dev.argoconformance/differential/argo-agent/harness"
	"dev.argoconformance/differential/argo-agent/load"
)

type pairs struct {
	flag  string
	items [][2]string
}

func (p *pairs) String() string { return "" }
func (p *pairs) Set(v string) error {
	name, value, ok := strings.Cut(v, "=")
	if !ok || name == "" || value == "" {
		return fmt.Errorf("want NAME=VALUE")
	}
	p.items = append(p.items, [2]string{name, value})
	return nil
}

const usage = `argo-agent runs Argo Workflows' own agent (workflow/executor.AgentExecutor) against executor plugins.

Usage:
  argo-agent --plugin NAME=URL [--plugin NAME=URL ...] [--token-file NAME=PATH | --token NAME=VALUE ...]
             --templates FILE [--repeat N] [--timeout 120s] [--patch-rate 1s] [--task-workers N]
             [--workflow-name NAME] [--namespace NS] [--workflow-uid UID] [--log FILE]
  argo-agent --version

Output: JSON lines on stdout: a header, one line per task, a summary.
Exit status: 0 when the run completed (whatever the plugins answered), 2 on bad input, 1 on a harness failure.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("argo-agent", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	plugins := &pairs{flag: "plugin"}
	tokenFiles := &pairs{flag: "token-file"}
	tokens := &pairs{flag: "token"}
	fs.Var(plugins, "plugin", "NAME=URL of a plugin sidecar; NAME is its container name; repeat in the agent's order")
	fs.Var(tokenFiles, "token-file", "NAME=PATH: the plugin's token, read verbatim like Argo reads /var/run/argo/<name>/token")
	fs.Var(tokens, "token", "NAME=VALUE: the plugin's token given inline")
	templates := fs.String("templates", "", "JSON file (or - for stdin): an array of {\"name\": ..., \"template\": {Argo template}}")
	repeat := fs.Int("repeat", 1, "dispatch every template this many times at once (concurrency measurement)")
	timeout := fs.Duration("timeout", 120*time.Second, "stop after this long whatever is still running")
	patchRate := fs.Duration("patch-rate", time.Second, "ARGO_AGENT_PATCH_RATE for the agent (the controller sets 10s by default); 0 leaves it unset")
	taskWorkers := fs.Int("task-workers", 0, "ARGO_AGENT_TASK_WORKERS for the agent; 0 leaves it unset (Argo's default: 16)")
	wfName := fs.String("workflow-name", "differential", "workflow name (task set name, sent to plugins)")
	namespace := fs.String("namespace", "argo", "workflow namespace (sent to plugins)")
	wfUID := fs.String("workflow-uid", "00000000-0000-0000-0000-000000000001", "workflow UID (sent to plugins)")
	logFile := fs.String("log", "", "write Argo's own log lines (text, info level) to this file")
	version := fs.Bool("version", false, "print the Argo Workflows version linked in and exit")
	loadNodes := fs.Int("load", 0, "load mode (the benchmark): this many nodes through the plugin chain over Argo's RPC client, no task set; prints one JSON line")
	loadRequest := fs.String("request", "", "load mode: the body of one call (ExecuteTemplateArgs JSON), the same for every node")
	loadWorkers := fs.Int("workers", 16, "load mode: concurrent workers (the agent's task workers, 16)")
	loadWarmup := fs.Int("warmup", 0, "load mode: nodes to run first, not measured")

	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "argo-agent: "+format+"\n", a...)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			return 0
		}
		return bad("%v (see --help).", err)
	}
	if *version {
		fmt.Fprintf(stdout, "%s %s\n", harness.ArgoModule, harness.ArgoVersion())
		return 0
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q (see --help).", fs.Arg(0))
	}
	if *loadNodes < 0 || *loadWarmup < 0 || *loadWorkers < 1 {
		return bad("--load and --warmup cannot be negative, and --workers must be at least 1.")
	}
	if *loadNodes > 0 && *loadRequest == "" {
		return bad("--load needs --request FILE, the body of one call.")
	}
	if *templates == "" && *loadNodes == 0 {
		return bad("--templates FILE is required (see --help).")
	}
	if *repeat < 1 {
		return bad("--repeat must be at least 1, got %d.", *repeat)
	}
	if *timeout <= 0 {
		return bad("--timeout must be positive, got %s.", *timeout)
	}
	if *taskWorkers < 0 || *patchRate < 0 {
		return bad("--task-workers and --patch-rate cannot be negative.")
	}

	var data []byte
	var err error
	if *templates == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else if *templates != "" {
		data, err = os.ReadFile(*templates)
	}
	if err != nil {
		return bad("cannot read the templates file: %v.", err)
	}
	var ts []harness.Template
	if *templates != "" {
		ts, err = harness.ParseTemplates(data)
		if err != nil {
			return bad("%v.", strings.TrimSuffix(err.Error(), "."))
		}
	}

	cfg := harness.Config{
		Templates: ts, Repeat: *repeat, Timeout: *timeout, PatchRate: *patchRate, TaskWorkers: *taskWorkers,
		WorkflowName: *wfName, Namespace: *namespace, WorkflowUID: *wfUID,
	}
	known := map[string]int{}
	for _, p := range plugins.items {
		if _, dup := known[p[0]]; dup {
			return bad("plugin %q is given twice.", p[0])
		}
		known[p[0]] = len(cfg.Plugins)
		cfg.Plugins = append(cfg.Plugins, harness.Plugin{Name: p[0], Address: p[1]})
	}
	setToken := func(name, value, source string) error {
		i, ok := known[name]
		if !ok {
			return fmt.Errorf("a token is given for %q, which is not a --plugin", name)
		}
		if cfg.Plugins[i].Token != nil {
			return fmt.Errorf("plugin %q is given two tokens", name)
		}
		v := value
		cfg.Plugins[i].Token = &v
		cfg.Plugins[i].TokenSource = source
		return nil
	}
	for _, t := range tokenFiles.items {
		b, err := os.ReadFile(t[1])
		if err != nil {
			return bad("cannot read the token file of plugin %q: %v.", t[0], err)
		}
		if err := setToken(t[0], string(b), "--token-file "+t[1]); err != nil {
			return bad("%v.", err)
		}
	}
	for _, t := range tokens.items {
		if err := setToken(t[0], t[1], "--token"); err != nil {
			return bad("%v.", err)
		}
	}
	if *loadNodes > 0 {
		return runLoad(cfg, *loadRequest, *loadNodes, *loadWarmup, *loadWorkers, stdout, bad)
	}
	if *logFile != "" {
		f, err := os.Create(*logFile)
		if err != nil {
			return bad("cannot create the log file: %v.", err)
		}
		defer f.Close()
		cfg.Log = f
	}

	// client-go logs through klog to stderr (e.g. when the harness's API server ends the agent's
	// watch); send it where Argo's log lines go.
	klogFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(klogFlags)
	_ = klogFlags.Set("logtostderr", "false")
	_ = klogFlags.Set("alsologtostderr", "false")
	_ = klogFlags.Set("stderrthreshold", "FATAL")
	if cfg.Log != nil {
		klog.SetOutput(cfg.Log)
	} else {
		klog.SetOutput(io.Discard)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	report, err := harness.Run(ctx, cfg)
	if err != nil {
		return bad("%v.", strings.TrimSuffix(err.Error(), "."))
	}
	lines, err := report.Lines()
	if err != nil {
		fmt.Fprintf(stderr, "argo-agent: cannot encode the report: %v\n", err)
		return 1
	}
	for _, l := range lines {
		fmt.Fprintf(stdout, "%s\n", l)
	}
	return 0
}

// runLoad is the benchmark's load mode: Argo's plugin chain over its own RPC client, one JSON line out.
func runLoad(cfg harness.Config, requestFile string, nodes, warmup, workers int, stdout io.Writer, bad func(string, ...any) int) int {
	body, err := os.ReadFile(requestFile)
	if err != nil {
		return bad("cannot read the request file: %v.", err)
	}
	if len(cfg.Plugins) == 0 {
		return bad("--load needs at least one --plugin.")
	}
	var ps []load.Plugin
	for _, p := range cfg.Plugins {
		if p.Token == nil {
			return bad("--load needs the token of plugin %q (--token-file or --token).", p.Name)
		}
		ps = append(ps, load.Plugin{Address: p.Address, Token: *p.Token})
	}
	res, err := load.Run(context.Background(), load.Config{Plugins: ps, Request: body, Nodes: nodes, Warmup: warmup, Workers: workers}, harness.ArgoVersion())
	if err != nil {
		fmt.Fprintf(os.Stderr, "argo-agent: the load run failed: %v\n", err)
		return 1
	}
	line, _ := json.Marshal(res)
	fmt.Fprintf(stdout, "%s\n", line)
	return 0
}
