// Package harness runs Argo Workflows' own executor-plugin calling code — the agent
// (workflow/executor.AgentExecutor) with its RPC plugin clients (workflow/executor/plugins/rpc,
// workflow/util/plugins) — against real plugin servers, and reports what that code did.
package harness

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/client-go/kubernetes"
	restclient "k8s.io/client-go/rest"

	wfv1 "github.com/argoproj/argo-workflows/v4/pkg/apis/workflow/v1alpha1"
	executorplugins "github.com/argoproj/argo-workflows/v4/pkg/plugins/executor"
	"github.com/argoproj/argo-workflows/v4/util/logging"
	"github.com/argoproj/argo-workflows/v4/workflow/common"
	"github.com/argoproj/argo-workflows/v4/workflow/executor"
	"github.com/argoproj/argo-workflows/v4/workflow/executor/plugins/rpc"
)

// ArgoModule is the Go module whose code this harness runs. Its version is pinned in go.mod only and
// read back at run time from the binary's build information.
const ArgoModule = "github.com/argoproj/argo-workflows/v4"

// ArgoVersion returns the version of ArgoModule linked into this binary: from the build information,
// or, where a binary has none for its dependencies (go test), from the module path of the source
// file of an Argo function compiled in (".../argo-workflows/v4@v4.0.5/workflow/executor/agent.go").
func ArgoVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == ArgoModule {
				if d.Replace != nil {
					return d.Version + " => " + d.Replace.Path + "@" + d.Replace.Version
				}
				return d.Version
			}
		}
	}
	if fn := runtime.FuncForPC(reflect.ValueOf(executor.NewAgentExecutor).Pointer()); fn != nil {
		file, _ := fn.FileLine(fn.Entry())
		if _, rest, ok := strings.Cut(file, "/argo-workflows/v4@"); ok {
			if v, _, ok := strings.Cut(rest, "/"); ok {
				return v
			}
		}
	}
	return "unknown"
}

// Plugin is one executor plugin sidecar as the agent pod knows it: its container name (an entry of
// ARGO_PLUGIN_NAMES), its address (the matching entry of ARGO_PLUGIN_ADDRESSES) and its token.
type Plugin struct {
	Name    string
	Address string
	// Token is written to <VarRunArgo>/<Name>/token, the file the agent reads. nil: a token is
	// generated as `argoexec agent init` does (32 characters of k8s.io/apimachinery rand.String).
	Token *string
	// TokenSource says where Token came from, for the report.
	TokenSource string
}

// Template is one entry of the templates file: a name for the report and an Argo template.
type Template struct {
	Name     string          `json:"name"`
	Template json.RawMessage `json:"template"`
	parsed   wfv1.Template
}

// Config is one run.
type Config struct {
	Plugins   []Plugin
	Templates []Template
	// Repeat dispatches every template this many times, as separate tasks of the one task set.
	Repeat  int
	Timeout time.Duration
	// PatchRate is set as ARGO_AGENT_PATCH_RATE (the controller sets it on the agent pod; 10s unless
	// configured). 0 leaves the variable unset (Argo's default, 10s).
	PatchRate time.Duration
	// TaskWorkers is set as ARGO_AGENT_TASK_WORKERS. 0 leaves it unset (Argo's default, 16).
	TaskWorkers  int
	WorkflowName string
	Namespace    string
	WorkflowUID  string
	// VarRunArgo is the directory standing in for the agent pod's /var/run/argo. "" makes a temp dir.
	VarRunArgo string
	// Log receives Argo's own log lines (text format, info level). nil discards them.
	Log io.Writer
}

// ParseTemplates reads the templates file: a JSON array of {"name": ..., "template": {...}}.
func ParseTemplates(data []byte) ([]Template, error) {
	var ts []Template
	dec := json.NewDecoder(strings.NewReader(string(data)))
	if err := dec.Decode(&ts); err != nil {
		return nil, fmt.Errorf("the templates file is not a JSON array of {\"name\", \"template\"} objects: %v", err)
	}
	if len(ts) == 0 {
		return nil, errors.New("the templates file holds no template")
	}
	seen := map[string]bool{}
	for i := range ts {
		t := &ts[i]
		if t.Name == "" {
			return nil, fmt.Errorf("template #%d has no \"name\"", i+1)
		}
		if seen[t.Name] {
			return nil, fmt.Errorf("template name %q is used twice", t.Name)
		}
		seen[t.Name] = true
		if len(t.Template) == 0 || string(t.Template) == "null" {
			return nil, fmt.Errorf("template %q has no \"template\" object", t.Name)
		}
		// Argo's own type decodes it, with its own checks (e.g. a plugin object must have exactly one key).
		if err := json.Unmarshal(t.Template, &t.parsed); err != nil {
			return nil, fmt.Errorf("template %q is not an Argo template: %v", t.Name, err)
		}
	}
	return ts, nil
}

func (c *Config) validate() error {
	names := map[string]bool{}
	for _, p := range c.Plugins {
		if p.Name == "" || strings.ContainsAny(p.Name, "/\\") || p.Name == "." || p.Name == ".." {
			return fmt.Errorf("plugin name %q is not a container name", p.Name)
		}
		if names[p.Name] {
			return fmt.Errorf("plugin %q is given twice", p.Name)
		}
		names[p.Name] = true
		u, err := url.Parse(p.Address)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("plugin %q has address %q, which is not an http:// URL", p.Name, p.Address)
		}
	}
	if len(c.Templates) == 0 {
		return errors.New("no template to run")
	}
	for i := range c.Templates {
		if c.Templates[i].parsed.Name == "" && c.Templates[i].parsed.Plugin == nil && len(c.Templates[i].Template) > 0 {
			if err := json.Unmarshal(c.Templates[i].Template, &c.Templates[i].parsed); err != nil {
				return fmt.Errorf("template %q is not an Argo template: %v", c.Templates[i].Name, err)
			}
		}
	}
	if c.Repeat < 1 {
		c.Repeat = 1
	}
	if c.Timeout <= 0 {
		c.Timeout = 120 * time.Second
	}
	if c.WorkflowName == "" {
		c.WorkflowName = "differential"
	}
	if c.Namespace == "" {
		c.Namespace = "argo"
	}
	if c.WorkflowUID == "" {
		c.WorkflowUID = "00000000-0000-0000-0000-000000000001"
	}
	return nil
}

// Header is the first line of the output.
type Header struct {
	Kind       string            `json:"kind"`
	Argo       string            `json:"argo"`
	ArgoModule string            `json:"argoModule"`
	Go         string            `json:"go"`
	Entry      string            `json:"entry"`
	Workflow   map[string]string `json:"workflow"`
	Plugins    []PluginInfo      `json:"plugins"`
	Env        map[string]string `json:"env"`
	Templates  int               `json:"templates"`
	Repeat     int               `json:"repeat"`
	Tasks      int               `json:"tasks"`
}

type PluginInfo struct {
	Name      string `json:"name"`
	Address   string `json:"address"`
	TokenFile string `json:"tokenFile"`
	Token     string `json:"token"`
}

// Result is one line per task (template × copy).
type Result struct {
	Kind              string         `json:"kind"`
	Argo              string         `json:"argo"`
	Template          string         `json:"template"`
	Copy              int            `json:"copy,omitempty"`
	NodeID            string         `json:"nodeID"`
	Phase             string         `json:"phase"`
	Message           string         `json:"message"`
	Outputs           *wfv1.Outputs  `json:"outputs"`
	Progress          string         `json:"progress,omitempty"`
	Reported          bool           `json:"reported"`
	Outcome           string         `json:"outcome"`
	Processings       int            `json:"processings"`
	Requeues          RequeueSummary `json:"requeues"`
	Attempts          []*attemptRec  `json:"attempts"`
	ConnectionsOpened int            `json:"connectionsOpened"`
	Patches           []patchRec     `json:"patches"`
	AlreadyConsidered int            `json:"alreadyConsidered"`
	TaskErrors        []string       `json:"taskErrors,omitempty"`
}

type RequeueSummary struct {
	Count int           `json:"count"`
	Items []*requeueRec `json:"items"`
}

// Summary is the last line.
type Summary struct {
	Kind                   string  `json:"kind"`
	Argo                   string  `json:"argo"`
	Tasks                  int     `json:"tasks"`
	DurationMs             float64 `json:"durationMs"`
	StoppedBy              string  `json:"stoppedBy"`
	AgentExit              string  `json:"agentExit"`
	TaskWorkers            int     `json:"taskWorkers"`
	PeakConcurrentAttempts int     `json:"peakConcurrentAttempts"`
	Attempts               int     `json:"attempts"`
	ConnectionsOpened      int     `json:"connectionsOpened"`
	ConnectionsClosed      int     `json:"connectionsClosed"`
	// ConnectionsClosedWhileRunning counts closes before the harness stopped the agent (by the
	// server, or by the pool when more than its idle limit came back); ConnectionsOpenWhenStopped is
	// what was left (in use or idle) then. The rest are closed when the agent "process" ends.
	ConnectionsClosedWhileRunning int      `json:"connectionsClosedWhileRunning"`
	ConnectionsOpenWhenStopped    int      `json:"connectionsOpenWhenStopped"`
	ConnectionsOpenAtEnd          int      `json:"connectionsOpenAtEnd"`
	PeakOpenConnections           int      `json:"peakOpenConnections"`
	DialErrors                    int      `json:"dialErrors"`
	OtherDials                    int      `json:"otherDials,omitempty"`
	IdleConnsPerHostLimit         int      `json:"idleConnsPerHostLimit"`
	UnexpectedAPIRequests         []string `json:"unexpectedAPIRequests,omitempty"`
	AgentErrors                   []string `json:"agentErrors,omitempty"`
}

// Report is everything a run prints.
type Report struct {
	Header  Header
	Results []Result
	Summary Summary
}

// Lines returns the report as JSON lines: header, one line per task, summary.
func (r *Report) Lines() ([][]byte, error) {
	var out [][]byte
	add := func(v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		out = append(out, b)
		return nil
	}
	if err := add(r.Header); err != nil {
		return nil, err
	}
	for _, res := range r.Results {
		if err := add(res); err != nil {
			return nil, err
		}
	}
	return out, add(r.Summary)
}

// tokenFilename is the path `argoexec agent init` writes and `argoexec agent main` reads
// (cmd/argoexec/commands/agent.go: filepath.Join(common.VarRunArgoPath, name, "token")), under
// VarRunArgo instead of common.VarRunArgoPath.
func tokenFilename(varRunArgo, name string) string {
	return filepath.Join(varRunArgo, name, "token")
}

func isFulfilled(phase string) bool {
	return wfv1.NodePhase(phase).Fulfilled(nil)
}

type task struct {
	nodeID   string
	template *Template
	copy     int
}

// Run runs one agent over the templates and reports what it did.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	version := ArgoVersion()

	// The agent pod's /var/run/argo: one directory per plugin container, with its token file,
	// made with the modes `argoexec agent init` uses (0770 directory, 0440 file, no newline added).
	varRunArgo := cfg.VarRunArgo
	if varRunArgo == "" {
		dir, err := os.MkdirTemp("", "argo-agent-var-run-argo-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		varRunArgo = dir
	}
	header := Header{
		Kind: "header", Argo: version, ArgoModule: ArgoModule, Go: runtime.Version(),
		Entry:    "workflow/executor.NewAgentExecutor + (*AgentExecutor).Agent, plugins from workflow/executor/plugins/rpc.New(address, token)",
		Workflow: map[string]string{"name": cfg.WorkflowName, "namespace": cfg.Namespace, "uid": cfg.WorkflowUID},
		Env:      map[string]string{}, Templates: len(cfg.Templates), Repeat: cfg.Repeat,
	}
	var names, addresses []string
	for _, p := range cfg.Plugins {
		token := rand.String(32)
		source := "generated as argoexec agent init does"
		if p.Token != nil {
			token = *p.Token
			source = p.TokenSource
			if source == "" {
				source = "given"
			}
		}
		filename := tokenFilename(varRunArgo, p.Name)
		if err := os.Mkdir(filepath.Dir(filename), 0o770); err != nil {
			return nil, fmt.Errorf("cannot create the token directory for plugin %q: %v", p.Name, err)
		}
		if err := os.WriteFile(filename, []byte(token), 0o440); err != nil {
			return nil, fmt.Errorf("cannot write the token file for plugin %q: %v", p.Name, err)
		}
		shown := source
		if p.Token == nil {
			shown = token + " (" + source + ")"
		}
		header.Plugins = append(header.Plugins, PluginInfo{Name: p.Name, Address: p.Address, TokenFile: filename, Token: shown})
		names = append(names, p.Name)
		addresses = append(addresses, p.Address)
	}
	namesJSON, _ := json.Marshal(names)
	addressesJSON, _ := json.Marshal(addresses)
	header.Env[common.EnvVarPluginNames] = string(namesJSON)
	header.Env[common.EnvVarPluginAddresses] = string(addressesJSON)
	header.Env[common.EnvVarWorkflowName] = cfg.WorkflowName
	header.Env[common.EnvVarWorkflowUID] = cfg.WorkflowUID

	// The task set the controller would have created: one task per node, the processed template.
	var tasks []task
	ts := &wfv1.WorkflowTaskSet{
		ObjectMeta: metav1.ObjectMeta{Name: cfg.WorkflowName, Namespace: cfg.Namespace},
		Spec:       wfv1.WorkflowTaskSetSpec{Tasks: map[string]wfv1.Template{}},
	}
	for i := range cfg.Templates {
		for c := 1; c <= cfg.Repeat; c++ {
			id := fmt.Sprintf("%s-%d", cfg.WorkflowName, 1000+len(tasks))
			t := task{nodeID: id, template: &cfg.Templates[i]}
			if cfg.Repeat > 1 {
				t.copy = c
			}
			tasks = append(tasks, t)
			ts.Spec.Tasks[id] = *cfg.Templates[i].parsed.DeepCopy()
		}
	}
	header.Tasks = len(tasks)

	// Observation.
	installDialTap()
	rec := newRecorder()
	for _, p := range cfg.Plugins {
		rec.plugins[p.Address] = p.Name
		if u, err := url.Parse(p.Address); err == nil {
			rec.pluginHosts[hostPort(u)] = true
		}
	}
	for _, t := range tasks {
		n := rec.node(t.nodeID)
		n.template = t.template.Name
		n.copy = t.copy
	}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		dt.CloseIdleConnections() // a fresh agent process starts with an empty pool
	}
	currentRecorder.Store(rec)
	defer currentRecorder.CompareAndSwap(rec, nil)

	api := newAPIServer(ts, func(at time.Time, nodes map[string]wfv1.NodeResult) {
		rec.mu.Lock()
		for id, res := range nodes {
			n := rec.node(id)
			p := patchRec{AtMs: rec.ms(at), Phase: string(res.Phase), Message: res.Message, result: res}
			n.patches = append(n.patches, p)
			n.lastPatch = &n.patches[len(n.patches)-1]
			n.lastPatchAt = at
			if at.After(n.sentAt) && string(res.Phase) == n.sentPhase && res.Message == n.sentMessage {
				n.patchedCurrent = true
			}
		}
		rec.mu.Unlock()
		rec.notify()
	})
	defer api.close()

	// The agent's environment. The controller sets ARGO_AGENT_PATCH_RATE on every agent pod.
	restoreEnv := setEnv(map[string]string{
		common.EnvAgentPatchRate:   durationOrEmpty(cfg.PatchRate),
		common.EnvAgentTaskWorkers: intOrEmpty(cfg.TaskWorkers),
	})
	defer restoreEnv()
	header.Env[common.EnvAgentPatchRate] = envShown(common.EnvAgentPatchRate, "unset: Argo's default 10s")
	header.Env[common.EnvAgentTaskWorkers] = envShown(common.EnvAgentTaskWorkers, "unset: Argo's default 16")
	taskWorkers := 16
	if cfg.TaskWorkers > 0 {
		taskWorkers = cfg.TaskWorkers
	}

	// What initAgentExecutor (cmd/argoexec/commands/agent.go) does, with the API server's address in
	// place of the in-cluster config: read each plugin's token file, make one rpc plugin per address,
	// in order, and build the AgentExecutor.
	var plugins []executorplugins.TemplateExecutor
	for i, address := range addresses {
		data, err := os.ReadFile(tokenFilename(varRunArgo, names[i]))
		if err != nil {
			return nil, fmt.Errorf("failed to read token file: %v", err)
		}
		plugins = append(plugins, rpc.New(address, string(data)))
	}
	config := &restclient.Config{Host: api.URL(), TLSClientConfig: restclient.TLSClientConfig{CAData: api.caPEM()}}
	config = restclient.AddUserAgent(config, fmt.Sprintf("argo-workflows/%s argo-executor/%s", version, "agent Executor"))
	clientSet, err := kubernetes.NewForConfig(config)
	if err != nil {
		return nil, err
	}
	ae := executor.NewAgentExecutor(clientSet, clientSet.RESTClient(), config, cfg.Namespace, cfg.WorkflowName, cfg.WorkflowUID, plugins)

	var logOut io.Writer = io.Discard
	if cfg.Log != nil {
		logOut = cfg.Log
	}
	inner := logging.NewSlogLoggerCustom(logging.Info, logging.Text, logOut)
	root := newObsLogger(inner, rec).WithField("argo", true)
	agentCtx, cancel := context.WithCancel(logging.WithLogger(ctx, root))
	defer cancel()

	agentDone := make(chan error, 1)
	go func() { agentDone <- ae.Agent(agentCtx) }()

	timeout := time.NewTimer(cfg.Timeout)
	defer timeout.Stop()
	poll := time.NewTicker(100 * time.Millisecond)
	defer poll.Stop()
	stoppedBy := ""
	agentExit := ""
	for stoppedBy == "" {
		select {
		case <-rec.changed:
		case <-poll.C:
		case <-timeout.C:
			stoppedBy = "timeout"
		case <-ctx.Done():
			stoppedBy = "interrupted"
		case err := <-agentDone:
			stoppedBy = "agent exited"
			agentExit = exitText(err)
		}
		if stoppedBy == "" && allSettled(rec, tasks) {
			stoppedBy = "completed"
		}
	}
	if stoppedBy == "completed" {
		// The controller labels the task set completed once the workflow is fulfilled; the agent exits.
		api.markCompleted()
		select {
		case err := <-agentDone:
			agentExit = exitText(err)
		case <-time.After(10 * time.Second):
			agentExit = "still running 10s after the completed label"
		}
	} else if agentExit == "" {
		agentExit = "still running when the harness stopped"
	}
	cancel()
	rec.mu.Lock()
	closedWhileRunning := rec.connsClosed
	openWhenStopped := rec.connsOpen
	rec.mu.Unlock()
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		dt.CloseIdleConnections() // the agent process ends: its idle connections close
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	report := &Report{Header: header}
	totalAttempts := 0
	for _, t := range tasks {
		n := rec.nodes[t.nodeID]
		if n.open != nil {
			rec.closeAttempt(n, time.Now())
		}
		res := Result{
			Kind: "result", Argo: version, Template: n.template, Copy: n.copy, NodeID: n.id,
			Processings: n.processings, Attempts: n.attempts, Patches: n.patches,
			AlreadyConsidered: n.considered, TaskErrors: n.taskErrors,
			Requeues: RequeueSummary{Count: len(n.requeues), Items: n.requeues},
		}
		if res.Attempts == nil {
			res.Attempts = []*attemptRec{}
		}
		if res.Patches == nil {
			res.Patches = []patchRec{}
		}
		if res.Requeues.Items == nil {
			res.Requeues.Items = []*requeueRec{}
		}
		if n.lastPatch != nil {
			nr := n.lastPatch.result.(wfv1.NodeResult)
			res.Phase, res.Message, res.Outputs, res.Progress = string(nr.Phase), nr.Message, nr.Outputs, string(nr.Progress)
			res.Reported = true
		}
		for _, a := range n.attempts {
			if a.NewConnection != nil && *a.NewConnection {
				res.ConnectionsOpened++
			}
		}
		totalAttempts += len(n.attempts)
		res.Outcome = outcome(n, stoppedBy)
		report.Results = append(report.Results, res)
	}
	report.Summary = Summary{
		Kind: "summary", Argo: version, Tasks: len(tasks), DurationMs: rec.ms(time.Now()),
		StoppedBy: stoppedBy, AgentExit: agentExit, TaskWorkers: taskWorkers,
		PeakConcurrentAttempts: rec.peakInflight, Attempts: totalAttempts,
		ConnectionsOpened: rec.connsOpened, ConnectionsClosed: rec.connsClosed,
		ConnectionsClosedWhileRunning: closedWhileRunning, ConnectionsOpenWhenStopped: openWhenStopped,
		ConnectionsOpenAtEnd: rec.connsOpen, PeakOpenConnections: rec.peakOpen, DialErrors: rec.dialErrors,
		OtherDials:            rec.otherDials,
		IdleConnsPerHostLimit: idleLimit(), UnexpectedAPIRequests: api.unexpectedRequests(), AgentErrors: rec.agentErr,
	}
	return report, nil
}

// allSettled: every task was processed and either Argo will not call its plugin again (no requeue)
// and its last result reached the task set, or the task set holds a fulfilled phase for it (then the
// controller completes the workflow, and the agent stops, whatever requeue is pending).
func allSettled(rec *recorder, tasks []task) bool {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for _, t := range tasks {
		n := rec.nodes[t.nodeID]
		if n.results == 0 || n.processing || !n.patchedCurrent {
			return false
		}
		if n.sentRequeue > 0 && !(n.lastPatch != nil && isFulfilled(n.lastPatch.Phase)) {
			return false
		}
	}
	return true
}

func outcome(n *nodeRec, stoppedBy string) string {
	switch {
	case n.results == 0 || n.processing:
		return "unfinished (" + stoppedBy + ")"
	case !n.patchedCurrent:
		return "result not yet patched (" + stoppedBy + ")"
	case n.sentRequeue > 0 && n.lastPatch != nil && isFulfilled(n.lastPatch.Phase):
		return "fulfilled, requeue pending"
	case n.sentRequeue > 0:
		return "requeue pending (" + stoppedBy + ")"
	case n.sentPhase == "" || !isFulfilled(n.sentPhase):
		return "never called again, node not fulfilled"
	default:
		return "final"
	}
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

func exitText(err error) string {
	if err == nil {
		return "returned nil"
	}
	return "returned error: " + err.Error()
}

func idleLimit() int {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		if t.MaxIdleConnsPerHost > 0 {
			return t.MaxIdleConnsPerHost
		}
		return http.DefaultMaxIdleConnsPerHost
	}
	return 0
}

func durationOrEmpty(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return d.String()
}

func intOrEmpty(i int) string {
	if i <= 0 {
		return ""
	}
	return strconv.Itoa(i)
}

func envShown(key, unset string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return unset
}

// setEnv sets ("" unsets) the variables and returns a function restoring them.
func setEnv(vars map[string]string) func() {
	type old struct {
		v  string
		ok bool
	}
	saved := map[string]old{}
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, ok := os.LookupEnv(k)
		saved[k] = old{v, ok}
		if vars[k] == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, vars[k])
		}
	}
	return func() {
		for k, o := range saved {
			if o.ok {
				os.Setenv(k, o.v)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}
