// Package generator calls ApplicationSet generator plugins through Argo CD's own code: the plugin
// generator of the ApplicationSet controller (applicationset/generators.PluginGenerator) with its
// plugin service (applicationset/services/plugin) and HTTP client
// (applicationset/services/internal/http).
package generator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/argoproj/argo-cd/v3/applicationset/generators"
	"github.com/argoproj/argo-cd/v3/common"
	appv1 "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
)

// ArgoCDModule is the Go module whose code this harness runs; its version is pinned in go.mod only.
const ArgoCDModule = "github.com/argoproj/argo-cd/v3"

// ArgoCDVersion returns the version of ArgoCDModule linked in (build information, or the module path
// of a compiled-in source file where a test binary has no dependency information).
func ArgoCDVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == ArgoCDModule {
				return d.Version
			}
		}
	}
	if fn := runtime.FuncForPC(reflect.ValueOf(generators.NewPluginGenerator).Pointer()); fn != nil {
		file, _ := fn.FileLine(fn.Entry())
		if _, rest, ok := strings.Cut(file, "/argo-cd/v3@"); ok {
			if v, _, ok := strings.Cut(rest, "/"); ok {
				return v
			}
		}
	}
	return "unknown"
}

// Case is one entry of the generators file.
type Case struct {
	Name string `json:"name"`
	// AppSetName is the ApplicationSet's name (sent to the plugin as applicationSetName). Default: Name.
	AppSetName string `json:"appSetName,omitempty"`
	// GoTemplate is the ApplicationSet's spec.goTemplate (false: Argo CD flattens the parameters).
	GoTemplate bool `json:"goTemplate,omitempty"`
	// Generator is an ApplicationSet generator with a "plugin" entry. An empty configMapRef.name means
	// the harness's ConfigMap.
	Generator appv1.ApplicationSetGenerator `json:"generator"`
}

// ParseCases reads the generators file: a JSON array of cases.
func ParseCases(data []byte) ([]Case, error) {
	var cs []Case
	if err := json.Unmarshal(data, &cs); err != nil {
		return nil, fmt.Errorf("the generators file is not a JSON array of {\"name\", \"generator\": {\"plugin\": ...}} objects: %v", err)
	}
	if len(cs) == 0 {
		return nil, errors.New("the generators file holds no generator")
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if c.Name == "" {
			return nil, fmt.Errorf("generator #%d has no \"name\"", i+1)
		}
		if seen[c.Name] {
			return nil, fmt.Errorf("generator name %q is used twice", c.Name)
		}
		seen[c.Name] = true
		if c.Generator.Plugin == nil {
			return nil, fmt.Errorf("generator %q has no \"plugin\" entry", c.Name)
		}
	}
	return cs, nil
}

// Config is one run.
type Config struct {
	// BaseURL, Token, RequestTimeout make the plugin's ConfigMap (data baseUrl, token,
	// requestTimeout) and the Secret the token reference points at.
	BaseURL string
	Token   string
	// TokenRef is the ConfigMap's token entry. Default "$plugin.token": key plugin.token of the
	// Secret argocd-secret. "$name:key" names another Secret.
	TokenRef string
	// RequestTimeout is the ConfigMap's requestTimeout, as text ("" leaves it out).
	RequestTimeout string
	ConfigMap      string
	Namespace      string
	Cases          []Case
}

type Header struct {
	Kind      string            `json:"kind"`
	ArgoCD    string            `json:"argocd"`
	Module    string            `json:"argocdModule"`
	Go        string            `json:"go"`
	Entry     string            `json:"entry"`
	ConfigMap map[string]string `json:"configMap"`
	Secret    string            `json:"secret"`
}

type Attempt struct {
	Request       string   `json:"request"`
	Status        int      `json:"status,omitempty"`
	StatusLine    string   `json:"statusLine,omitempty"`
	StartMs       float64  `json:"startMs"`
	FirstByteMs   *float64 `json:"firstByteMs"`
	NewConnection bool     `json:"newConnection"`
	LocalAddr     string   `json:"localAddr"`
	// DialError is the error of a connection that could not be opened (no request line, no status).
	DialError string `json:"dialError,omitempty"`
}

type Result struct {
	Kind                string           `json:"kind"`
	ArgoCD              string           `json:"argocd"`
	Name                string           `json:"name"`
	AppSetName          string           `json:"appSetName"`
	Params              []map[string]any `json:"params"`
	Error               *string          `json:"error"`
	RequeueAfterSeconds float64          `json:"requeueAfterSeconds"`
	StartMs             float64          `json:"startMs"`
	DurationMs          float64          `json:"durationMs"`
	Attempts            []*Attempt       `json:"attempts"`
	ConnectionsOpened   int              `json:"connectionsOpened"`
}

type Summary struct {
	Kind                 string `json:"kind"`
	ArgoCD               string `json:"argocd"`
	Cases                int    `json:"cases"`
	ConnectionsOpened    int    `json:"connectionsOpened"`
	ConnectionsClosed    int    `json:"connectionsClosed"`
	ConnectionsOpenAtEnd int    `json:"connectionsOpenAtEnd"`
	DialErrors           int    `json:"dialErrors"`
}

type Report struct {
	Header  Header
	Results []Result
	Summary Summary
}

// Lines returns the report as JSON lines: header, one line per case, summary.
func (r *Report) Lines() ([][]byte, error) {
	var out [][]byte
	for _, v := range append(append([]any{r.Header}, anySlice(r.Results)...), r.Summary) {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func anySlice(rs []Result) []any {
	out := make([]any, len(rs))
	for i := range rs {
		out[i] = rs[i]
	}
	return out
}

// Run calls the plugin once per case, one case after another, as the ApplicationSet controller does
// when it reconciles an ApplicationSet with that generator.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("the base URL %q is not an http:// URL", cfg.BaseURL)
	}
	if len(cfg.Cases) == 0 {
		return nil, errors.New("no generator to run")
	}
	if cfg.ConfigMap == "" {
		cfg.ConfigMap = "plugin-generator"
	}
	if cfg.Namespace == "" {
		cfg.Namespace = "argocd"
	}
	if cfg.TokenRef == "" {
		cfg.TokenRef = "$plugin.token"
	}
	secretName, secretKey := common.ArgoCDSecretName, strings.TrimPrefix(cfg.TokenRef, "$")
	if name, key, ok := strings.Cut(strings.TrimPrefix(cfg.TokenRef, "$"), ":"); ok {
		secretName, secretKey = name, key
	}
	cmData := map[string]string{"baseUrl": cfg.BaseURL, "token": cfg.TokenRef}
	if cfg.RequestTimeout != "" {
		cmData["requestTimeout"] = cfg.RequestTimeout
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: cfg.ConfigMap, Namespace: cfg.Namespace}, Data: cmData}
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: secretName, Namespace: cfg.Namespace},
		Data:       map[string][]byte{secretKey: []byte(cfg.Token)},
	}
	// The controller's client (controller-runtime) reads the ConfigMap and the Secret in the
	// controller's namespace; a fake client holds them.
	k8s := fake.NewClientBuilder().WithObjects(cm, secret).Build()
	gen := generators.NewPluginGenerator(k8s, cfg.Namespace)

	version := ArgoCDVersion()
	report := &Report{Header: Header{
		Kind: "header", ArgoCD: version, Module: ArgoCDModule, Go: runtime.Version(),
		Entry:     "applicationset/generators.NewPluginGenerator(client, namespace): GenerateParams, GetRequeueAfter",
		ConfigMap: cmData, Secret: cfg.Namespace + "/" + secretName + " key " + secretKey,
	}}

	tap := install()
	tap.hosts[hostPort(u)] = true
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		dt.CloseIdleConnections()
	}
	current.Store(tap)
	defer current.CompareAndSwap(tap, nil)

	for _, c := range cfg.Cases {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		appSetName := c.AppSetName
		if appSetName == "" {
			appSetName = c.Name
		}
		g := c.Generator.DeepCopy()
		if g.Plugin.ConfigMapRef.Name == "" {
			g.Plugin.ConfigMapRef.Name = cfg.ConfigMap
		}
		appSet := &appv1.ApplicationSet{
			ObjectMeta: metav1.ObjectMeta{Name: appSetName, Namespace: cfg.Namespace},
			Spec:       appv1.ApplicationSetSpec{GoTemplate: c.GoTemplate, Generators: []appv1.ApplicationSetGenerator{*g}},
		}
		first := tap.mark()
		start := time.Now()
		params, err := gen.GenerateParams(g, appSet, k8s)
		end := time.Now()
		res := Result{
			Kind: "result", ArgoCD: version, Name: c.Name, AppSetName: appSetName, Params: params,
			RequeueAfterSeconds: gen.GetRequeueAfter(g).Seconds(),
			StartMs:             tap.ms(start), DurationMs: float64(end.Sub(start).Microseconds()) / 1000,
		}
		if err != nil {
			e := err.Error()
			res.Error = &e
		}
		if res.Params == nil {
			res.Params = []map[string]any{}
		}
		res.Attempts = tap.since(first)
		for _, a := range res.Attempts {
			if a.NewConnection {
				res.ConnectionsOpened++
			}
		}
		report.Results = append(report.Results, res)
	}
	if dt, ok := http.DefaultTransport.(*http.Transport); ok {
		dt.CloseIdleConnections()
	}
	tap.mu.Lock()
	report.Summary = Summary{Kind: "summary", ArgoCD: version, Cases: len(cfg.Cases),
		ConnectionsOpened: tap.opened, ConnectionsClosed: tap.closed, ConnectionsOpenAtEnd: tap.open, DialErrors: tap.dialErrors}
	tap.mu.Unlock()
	return report, nil
}
