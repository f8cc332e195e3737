// Command argocd-generator calls an ApplicationSet generator plugin through Argo CD's own plugin
// generator code and prints what it returned as JSON lines. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	log "github.com/sirupsen/logrus"

	"dev.argoconformance/differential/argocd-generator/generator"
)

const usage = `argocd-generator calls an ApplicationSet generator plugin through Argo CD's own code
(applicationset/generators.PluginGenerator).

Usage:
  argocd-generator --base-url URL [--token VALUE | --token-file PATH] [--token-ref '$plugin.token']
                   [--request-timeout SECONDS] [--configmap NAME] [--namespace NS] --generators FILE
  argocd-generator --version

Output: JSON lines on stdout: a header, one line per generator, a summary.
Exit status: 0 when every generator was called (whatever the plugin answered), 2 on bad input, 1 on a harness failure.

Flags:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("argocd-generator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	baseURL := fs.String("base-url", "", "the plugin's baseUrl (ConfigMap data)")
	token := fs.String("token", "", "the plugin's token, stored in the Secret the ConfigMap's token refers to")
	tokenFile := fs.String("token-file", "", "read the token from this file (Argo CD trims it, as it trims Secret values)")
	tokenRef := fs.String("token-ref", "$plugin.token", "the ConfigMap's token entry: $key (Secret argocd-secret) or $secret:key")
	requestTimeout := fs.String("request-timeout", "", "the ConfigMap's requestTimeout, as text (seconds)")
	configMap := fs.String("configmap", "plugin-generator", "the ConfigMap's name (used where a generator's configMapRef.name is empty)")
	namespace := fs.String("namespace", "argocd", "the controller's namespace")
	gens := fs.String("generators", "", "JSON file (or - for stdin): an array of {\"name\", \"appSetName\", \"goTemplate\", \"generator\": {\"plugin\": {...}}}")
	logFile := fs.String("log", "", "write Argo CD's log lines to this file")
	version := fs.Bool("version", false, "print the Argo CD version linked in and exit")
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "argocd-generator: "+format+"\n", a...)
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
		fmt.Fprintf(stdout, "%s %s\n", generator.ArgoCDModule, generator.ArgoCDVersion())
		return 0
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q (see --help).", fs.Arg(0))
	}
	if *baseURL == "" || *gens == "" {
		return bad("--base-url and --generators are required (see --help).")
	}
	if *token != "" && *tokenFile != "" {
		return bad("give --token or --token-file, not both.")
	}
	if !strings.HasPrefix(*tokenRef, "$") {
		return bad("--token-ref must start with '$', as Argo CD requires, got %q.", *tokenRef)
	}
	tok := *token
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return bad("cannot read the token file: %v.", err)
		}
		tok = string(b)
	}
	var data []byte
	var err error
	if *gens == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(*gens)
	}
	if err != nil {
		return bad("cannot read the generators file: %v.", err)
	}
	cases, err := generator.ParseCases(data)
	if err != nil {
		return bad("%v.", strings.TrimSuffix(err.Error(), "."))
	}
	log.SetOutput(io.Discard)
	if *logFile != "" {
		f, err := os.Create(*logFile)
		if err != nil {
			return bad("cannot create the log file: %v.", err)
		}
		defer f.Close()
		log.SetOutput(f)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	report, err := generator.Run(ctx, generator.Config{
		BaseURL: *baseURL, Token: tok, TokenRef: *tokenRef, RequestTimeout: *requestTimeout,
		ConfigMap: *configMap, Namespace: *namespace, Cases: cases,
	})
	if err != nil {
		return bad("%v.", strings.TrimSuffix(err.Error(), "."))
	}
	lines, err := report.Lines()
	if err != nil {
		fmt.Fprintf(stderr, "argocd-generator: cannot encode the report: %v\n", err)
		return 1
	}
	for _, l := range lines {
		fmt.Fprintf(stdout, "%s\n", l)
	}
	return 0
}
