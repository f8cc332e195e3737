// Command kube-apiserver starts a real Kubernetes API server, backed by an
// embedded etcd, as one ordinary user process on the loopback interface.
//
// It is the "real API server" half of the conformance suite's cluster-API
// tier: discovery, admission, defaulting and validation behave as on a real
// cluster, but there is no kubelet, scheduler or container runtime, so pods
// are admitted and stored, never run.
//
// Startup order: temp work dir → PKI and service-account keys → embedded etcd
// → kube-apiserver (k8s.io/kubernetes/cmd/kube-apiserver/app) → wait for
// /readyz → the few controllers a pod's admission depends on → one JSON line
// on stdout. SIGTERM or SIGINT stops everything and removes the work dir.
//
// Flags before "--" are this program's; everything after "--" is handed to
// kube-apiserver unchanged and wins over the defaults set here.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"go.etcd.io/etcd/server/v3/embed"

	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/apiserver/pkg/server/flagz"
	"k8s.io/client-go/rest"
	"k8s.io/component-base/cli/globalflag"
	basecompatibility "k8s.io/component-base/compatibility"
	"k8s.io/component-base/featuregate"
	"k8s.io/component-base/logs"
	logsapi "k8s.io/component-base/logs/api/v1"
	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

// readyLine is printed once, as one JSON object on one line, when the API
// server answers /readyz and the controllers are running.
type readyLine struct {
	URL            string `json:"url"`
	Token          string `json:"token"`
	CAFile         string `json:"caFile"`
	Kubeconfig     string `json:"kubeconfig"`
	ClientCertFile string `json:"clientCertFile"`
	ClientKeyFile  string `json:"clientKeyFile"`
	User           string `json:"user"`
	Etcd           string `json:"etcd"`
	Dir            string `json:"dir"`
	Version        string `json:"version"`
	Pid            int    `json:"pid"`
}

// errReported: the error was already printed.
var errReported = errors.New("reported")

type config struct {
	port         int
	dir          string
	kubeconfig   string
	controllers  bool
	readyTimeout time.Duration
	stopTimeout  time.Duration
	logFile      string
	stdinEOF     bool
	extraArgs    []string
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(argv []string) int {
	cfg, err := parseFlags(argv)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		if !errors.Is(err, errReported) {
			fmt.Fprintln(os.Stderr, "kube-apiserver:", err)
		}
		return 2
	}

	signalled, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		// After the first signal, a second one kills the process at once
		// (the default action), leaving the work dir behind.
		<-signalled.Done()
		stop()
	}()
	ctx, cancel := context.WithCancel(signalled)
	defer cancel()
	if cfg.stdinEOF {
		// The parent holds our stdin open and never writes: when it dies,
		// even by SIGKILL, the pipe closes and we stop as on SIGTERM rather
		// than serve on as an orphan.
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			cancel()
		}()
	}

	code := 0
	if err := serve(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "kube-apiserver:", err)
		code = 1
	}
	return code
}

func parseFlags(argv []string) (*config, error) {
	cfg := &config{}
	fs := flag.NewFlagSet("kube-apiserver", flag.ContinueOnError)
	fs.IntVar(&cfg.port, "port", 0, "secure port on 127.0.0.1; 0 picks a free one")
	fs.StringVar(&cfg.dir, "dir", "", "work directory (etcd data, certificates, kubeconfig); kept on exit when given, a temp dir removed on exit otherwise")
	fs.StringVar(&cfg.kubeconfig, "kubeconfig", "", "where to write the admin kubeconfig (default <dir>/kubeconfig)")
	fs.BoolVar(&cfg.controllers, "controllers", true, "run the serviceaccount, serviceaccount-token, root-ca-cert-publisher and namespace controllers, as kube-controller-manager would")
	fs.DurationVar(&cfg.readyTimeout, "ready-timeout", 3*time.Minute, "give up when the API server is not ready within this time")
	fs.DurationVar(&cfg.stopTimeout, "stop-timeout", 30*time.Second, "on SIGTERM/SIGINT, wait at most this long for the API server to stop")
	fs.StringVar(&cfg.logFile, "log-file", "", "write the API server's and etcd's logs to this file instead of stderr")
	fs.BoolVar(&cfg.stdinEOF, "stop-on-stdin-eof", false, "stop as on SIGTERM when stdin reaches end of file (the parent process died or closed it)")
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: kube-apiserver [flags] [-- kube-apiserver flags...]\n\n")
		fmt.Fprintf(out, "Starts etcd and kube-apiserver on 127.0.0.1 and prints one JSON line on stdout when ready:\n")
		fmt.Fprintf(out, "  {\"url\":\"https://127.0.0.1:PORT\",\"token\":\"...\",\"caFile\":\"...\",\"kubeconfig\":\"...\",...}\n\n")
		fs.PrintDefaults()
	}
	ours, extra := argv, []string(nil)
	for i, a := range argv {
		if a == "--" {
			ours, extra = argv[:i], argv[i+1:]
			break
		}
	}
	if err := fs.Parse(ours); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, errReported // the flag package printed it, with the usage
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q (kube-apiserver flags go after \"--\")", fs.Arg(0))
	}
	if cfg.port < 0 || cfg.port > 65535 {
		return nil, fmt.Errorf("-port %d is not a port", cfg.port)
	}
	cfg.extraArgs = extra
	return cfg, nil
}

func serve(ctx context.Context, cfg *config) (retErr error) {
	logOut := io.Writer(os.Stderr)
	if cfg.logFile != "" {
		f, err := os.OpenFile(cfg.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		logOut = f
	}
	klog.SetOutput(logOut)
	klog.LogToStderr(false)
	defer klog.Flush()

	dir := cfg.dir
	if dir == "" {
		d, err := os.MkdirTemp("", "argo-conformance-apiserver-")
		if err != nil {
			return err
		}
		dir = d
		defer func() {
			if err := os.RemoveAll(dir); err != nil && retErr == nil {
				retErr = fmt.Errorf("removing %s: %w", dir, err)
			}
		}()
	} else {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		dir = abs
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
	}

	p, err := writePKI(filepath.Join(dir, "pki"))
	if err != nil {
		return fmt.Errorf("certificates: %w", err)
	}

	listener, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(cfg.port)))
	if err != nil {
		return fmt.Errorf("secure port: %w", err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	serverURL := "https://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port))

	etcd, etcdURL, err := startEtcd(ctx, filepath.Join(dir, "etcd"), cfg.logFile)
	if err != nil {
		listener.Close()
		if ctx.Err() != nil {
			return nil // a signal during etcd's startup
		}
		return fmt.Errorf("etcd: %w", err)
	}
	defer func() {
		etcd.Close()
		<-etcd.Server.StopNotify()
	}()

	completed, err := apiserverOptions(ctx, logOut, dir, p, etcdURL, listener, port, cfg.extraArgs)
	if err != nil {
		listener.Close()
		return fmt.Errorf("kube-apiserver options: %w", err)
	}

	// The API server stops when runCtx ends: when serve returns (after a
	// signal, or a failure on our side). It is not ctx, so that a signal
	// during startup waits for readiness (see waitReady).
	runCtx, cancelRun := context.WithCancel(context.Background())
	defer cancelRun()
	runErr := make(chan error, 1)
	go func() { runErr <- app.Run(runCtx, completed) }()

	restCfg := &rest.Config{
		Host:            serverURL,
		BearerToken:     p.token,
		TLSClientConfig: rest.TLSClientConfig{CAFile: p.caFile},
		QPS:             50,
		Burst:           100,
	}
	stopped := false
	waitStop := func() error {
		cancelRun()
		if stopped {
			return nil
		}
		stopped = true
		select {
		case err := <-runErr:
			return err
		case <-time.After(cfg.stopTimeout):
			return fmt.Errorf("kube-apiserver did not stop within %s", cfg.stopTimeout)
		}
	}
	defer func() {
		if err := waitStop(); err != nil && retErr == nil {
			retErr = err
		}
	}()

	version, err := waitReady(restCfg, runErr, etcd, cfg.readyTimeout, &stopped)
	if err != nil {
		return err
	}
	if ctx.Err() != nil {
		klog.InfoS("signal received during startup, stopping now that kube-apiserver is ready")
		return nil
	}

	if cfg.controllers {
		if err := startControllers(runCtx, restCfg, p); err != nil {
			return fmt.Errorf("controllers: %w", err)
		}
	}

	kubeconfig := cfg.kubeconfig
	if kubeconfig == "" {
		kubeconfig = filepath.Join(dir, "kubeconfig")
	}
	if err := writeKubeconfig(kubeconfig, serverURL, p); err != nil {
		return fmt.Errorf("kubeconfig: %w", err)
	}

	line, err := json.Marshal(readyLine{
		URL:            serverURL,
		Token:          p.token,
		CAFile:         p.caFile,
		Kubeconfig:     kubeconfig,
		ClientCertFile: p.adminCertFile,
		ClientKeyFile:  p.adminKeyFile,
		User:           adminUser,
		Etcd:           etcdURL,
		Dir:            dir,
		Version:        version,
		Pid:            os.Getpid(),
	})
	if err != nil {
		return err
	}
	fmt.Println(string(line))

	select {
	case <-ctx.Done():
		klog.InfoS("signal received, stopping kube-apiserver and etcd")
		return nil
	case err := <-runErr:
		stopped = true
		if err == nil {
			err = errors.New("kube-apiserver stopped on its own")
		}
		return err
	case err := <-etcd.Err():
		return fmt.Errorf("etcd: %w", err)
	}
}

// apiserverOptions builds kube-apiserver's options the way its own command
// does (same flag set, same Complete and Validate), with this program's
// defaults first and the caller's extra flags last.
func apiserverOptions(ctx context.Context, logOut io.Writer, dir string, p *pki, etcdURL string, listener net.Listener, port int, extra []string) (options.CompletedOptions, error) {
	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	named := s.Flags()
	s.Flagz = flagz.NamedFlagSetsReader{FlagSets: named}
	globalflag.AddGlobalFlags(named.FlagSet("global"), "kube-apiserver", logs.SkipLoggingConfigurationFlags())
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}

	defaults := []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		// The "kubernetes" Service cannot point at a loopback address.
		"--endpoint-reconciler-type=none",
		"--cert-dir=" + filepath.Join(dir, "pki"),
		"--tls-cert-file=" + p.servingCertFile,
		"--tls-private-key-file=" + p.servingKeyFile,
		"--client-ca-file=" + p.caFile,
		"--token-auth-file=" + p.tokenFile,
		"--service-account-key-file=" + p.saPubFile,
		"--service-account-signing-key-file=" + p.saKeyFile,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--api-audiences=https://kubernetes.default.svc.cluster.local",
		"--authorization-mode=Node,RBAC",
		"--allow-privileged=true",
		"--service-cluster-ip-range=10.96.0.0/16",
		// The default admission set stays on; NodeRestriction is what kubeadm
		// and k3s add. Nothing in the default set needs a kubelet or a cloud.
		"--enable-admission-plugins=NodeRestriction",
		"--profiling=false",
	}
	if err := fs.Parse(append(defaults, extra...)); err != nil {
		return options.CompletedOptions{}, err
	}
	if fs.NArg() > 0 {
		return options.CompletedOptions{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if fs.Changed("secure-port") && s.SecureServing.BindPort != port {
		// The caller asked for another port after "--": let the API server bind it.
		listener.Close()
	} else {
		s.SecureServing.Listener = listener
		s.SecureServing.BindPort = port
	}

	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return options.CompletedOptions{}, err
	}
	featureGate := s.GenericServerRunOptions.ComponentGlobalsRegistry.FeatureGateFor(basecompatibility.DefaultKubeComponent)
	// Logs never go to stdout: stdout carries the ready line only.
	streams := &logsapi.LoggingOptions{ErrorStream: logOut, InfoStream: logOut}
	if err := logsapi.ValidateAndApplyWithOptions(s.Logs, streams, featureGate); err != nil {
		return options.CompletedOptions{}, err
	}
	rest.SetDefaultWarningHandler(rest.NoWarnings{})

	completed, err := s.Complete(ctx)
	if err != nil {
		return options.CompletedOptions{}, err
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return options.CompletedOptions{}, utilerrors.NewAggregate(errs)
	}
	if mfg, ok := featureGate.(featuregate.MutableFeatureGate); ok {
		mfg.AddMetrics()
	}
	return completed, nil
}

// startEtcd starts a single-member etcd on two free loopback ports.
func startEtcd(ctx context.Context, dataDir, logFile string) (*embed.Etcd, string, error) {
	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		ports, err := freePorts(2)
		if err != nil {
			return nil, "", err
		}
		clientURL := url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(ports[0]))}
		peerURL := url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(ports[1]))}

		ec := embed.NewConfig()
		ec.Name = "argo-conformance"
		ec.Dir = dataDir
		ec.ListenClientUrls = []url.URL{clientURL}
		ec.AdvertiseClientUrls = []url.URL{clientURL}
		ec.ListenPeerUrls = []url.URL{peerURL}
		ec.AdvertisePeerUrls = []url.URL{peerURL}
		ec.InitialCluster = ec.InitialClusterFromName(ec.Name)
		ec.LogLevel = "error"
		ec.LogOutputs = []string{"stderr"}
		if logFile != "" {
			ec.LogOutputs = []string{logFile}
		}
		// The data lives as long as the process: durability buys nothing.
		ec.UnsafeNoFsync = true

		e, err := embed.StartEtcd(ec)
		if err != nil {
			lastErr = err
			os.RemoveAll(dataDir)
			continue // most likely a port taken between freePorts and bind
		}
		select {
		case <-e.Server.ReadyNotify():
			return e, clientURL.String(), nil
		case err := <-e.Err():
			e.Close()
			return nil, "", err
		case <-time.After(60 * time.Second):
			e.Close()
			return nil, "", errors.New("not ready within 60s")
		case <-ctx.Done():
			e.Close()
			return nil, "", ctx.Err()
		}
	}
	return nil, "", lastErr
}

func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	for i := 0; i < n; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}
