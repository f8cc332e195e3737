// Package smoketest starts the built kube-apiserver binary as a child process
// and talks to it with client-go, the way the suite will: it proves that the
// process is a real API server (discovery, label selectors, defaulting,
// validation, admission) and that it shuts down cleanly.
//
// The binary is $KUBE_APISERVER_BIN, else ../bin/kube-apiserver, built by
// ../build.sh when missing or out of date.
package smoketest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	authnv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
)

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

// server is the one API server all tests share; TestShutdownOnSIGTERM,
// the last test, stops it.
var (
	binary     string
	server     *exec.Cmd
	serverExit chan error
	ready      readyLine
	startup    time.Duration
	logPath    string
)

const executorPluginLabel = "workflows.argoproj.io/configmap-type"

func TestMain(m *testing.M) {
	if err := setup(); err != nil {
		fmt.Fprintln(os.Stderr, "smoketest:", err)
		if logPath != "" {
			if b, rerr := os.ReadFile(logPath); rerr == nil {
				fmt.Fprintf(os.Stderr, "--- server log (%s) ---\n%s\n", logPath, tail(string(b), 4000))
			}
		}
		os.Exit(1)
	}
	code := m.Run()
	if server != nil && server.ProcessState == nil {
		_ = server.Process.Signal(syscall.SIGTERM)
		select {
		case <-serverExit:
		case <-time.After(60 * time.Second):
			_ = server.Process.Kill()
		}
	}
	os.Exit(code)
}

func setup() error {
	bin := os.Getenv("KUBE_APISERVER_BIN")
	if bin == "" {
		here, err := os.Getwd()
		if err != nil {
			return err
		}
		root := filepath.Dir(here)
		build := exec.Command("bash", filepath.Join(root, "build.sh"))
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build.sh: %w", err)
		}
		bin = filepath.Join(root, "bin", "kube-apiserver")
	}
	logDir, err := os.MkdirTemp("", "apiserver-smoketest-")
	if err != nil {
		return err
	}
	logPath = filepath.Join(logDir, "server.log")

	binary = bin
	server = exec.Command(bin, "-log-file", logPath)
	server.Stderr = os.Stderr
	stdout, err := server.StdoutPipe()
	if err != nil {
		return err
	}
	began := time.Now()
	if err := server.Start(); err != nil {
		return err
	}
	serverExit = make(chan error, 1)
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
				fmt.Fprintln(os.Stderr, "unexpected stdout line:", sc.Text())
			}
		}
	}()
	go func() { serverExit <- server.Wait() }()
	select {
	case line := <-lines:
		startup = time.Since(began)
		if err := json.Unmarshal([]byte(line), &ready); err != nil {
			return fmt.Errorf("ready line %q: %w", line, err)
		}
		fmt.Fprintf(os.Stderr, "smoketest: ready in %s: %s\n", startup.Round(time.Millisecond), line)
		return nil
	case err := <-serverExit:
		return fmt.Errorf("server exited before ready: %v", err)
	case <-time.After(4 * time.Minute):
		_ = server.Process.Kill()
		return errors.New("no ready line within 4 minutes")
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func clientFromKubeconfig(t *testing.T) *kubernetes.Clientset {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", ready.Kubeconfig)
	if err != nil {
		t.Fatalf("kubeconfig %s: %v", ready.Kubeconfig, err)
	}
	c, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

func namespace(t *testing.T, c kubernetes.Interface, name string) string {
	t.Helper()
	_, err := c.CoreV1().Namespaces().Create(ctx(t), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("create namespace %s: %v", name, err)
	}
	return name
}

func TestReadyLine(t *testing.T) {
	if !strings.HasPrefix(ready.URL, "https://127.0.0.1:") {
		t.Errorf("url %q is not https on 127.0.0.1", ready.URL)
	}
	if ready.Token == "" || ready.User != "admin" || !strings.HasPrefix(ready.Version, "v1.") {
		t.Errorf("ready line incomplete: %+v", ready)
	}
	for _, f := range []string{ready.CAFile, ready.Kubeconfig, ready.ClientCertFile, ready.ClientKeyFile} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("file named in the ready line: %v", err)
		}
	}
	if ready.Pid != server.Process.Pid {
		t.Errorf("pid %d, started %d", ready.Pid, server.Process.Pid)
	}
	t.Logf("startup to ready: %s, version %s", startup.Round(time.Millisecond), ready.Version)
}

// Token only and client certificate only must each authenticate as the admin.
func TestAuthenticationTokenAndClientCert(t *testing.T) {
	configs := map[string]*rest.Config{
		"token": {Host: ready.URL, BearerToken: ready.Token,
			TLSClientConfig: rest.TLSClientConfig{CAFile: ready.CAFile}},
		"client-cert": {Host: ready.URL,
			TLSClientConfig: rest.TLSClientConfig{CAFile: ready.CAFile, CertFile: ready.ClientCertFile, KeyFile: ready.ClientKeyFile}},
	}
	for name, cfg := range configs {
		c, err := kubernetes.NewForConfig(cfg)
		if err != nil {
			t.Fatal(err)
		}
		r, err := c.AuthenticationV1().SelfSubjectReviews().Create(ctx(t), &authnv1.SelfSubjectReview{}, metav1.CreateOptions{})
		if err != nil {
			t.Fatalf("%s: SelfSubjectReview: %v", name, err)
		}
		u := r.Status.UserInfo
		if u.Username != "admin" || !contains(u.Groups, "system:masters") {
			t.Errorf("%s: authenticated as %q %v", name, u.Username, u.Groups)
		}
	}
	anon, _ := kubernetes.NewForConfig(&rest.Config{Host: ready.URL, TLSClientConfig: rest.TLSClientConfig{CAFile: ready.CAFile}})
	_, err := anon.CoreV1().Namespaces().List(ctx(t), metav1.ListOptions{})
	if !apierrors.IsForbidden(err) && !apierrors.IsUnauthorized(err) {
		t.Errorf("anonymous list of namespaces: want 401/403, got %v", err)
	}
}

func TestDiscovery(t *testing.T) {
	c := clientFromKubeconfig(t)
	groups, resources, err := c.Discovery().ServerGroupsAndResources()
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	if len(groups) < 10 {
		t.Errorf("only %d API groups", len(groups))
	}
	want := map[string]bool{"v1/pods": false, "v1/configmaps": false, "v1/namespaces": false, "v1/serviceaccounts": false}
	for _, rl := range resources {
		for _, r := range rl.APIResources {
			k := rl.GroupVersion + "/" + r.Name
			if _, ok := want[k]; ok {
				want[k] = true
			}
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("discovery lacks %s", k)
		}
	}
}

// Argo's controller finds executor plugins by listing ConfigMaps with this
// label, per namespace.
func TestExecutorPluginConfigMapsByLabel(t *testing.T) {
	c := clientFromKubeconfig(t)
	nsA := namespace(t, c, "plugins-a")
	nsB := namespace(t, c, "plugins-b")
	mk := func(ns, name string, labelled bool) {
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
			Data: map[string]string{"sidecar.container": "name: " + name + "\nimage: example/" + name + ":v1\n"}}
		if labelled {
			cm.Labels = map[string]string{executorPluginLabel: "ExecutorPlugin"}
		}
		if _, err := c.CoreV1().ConfigMaps(ns).Create(ctx(t), cm, metav1.CreateOptions{}); err != nil {
			t.Fatalf("create configmap %s/%s: %v", ns, name, err)
		}
	}
	mk(nsA, "hello-executor-plugin", true)
	mk(nsA, "unrelated", false)
	mk(nsB, "other-executor-plugin", true)
	mk(nsB, "hello-executor-plugin", true)

	sel := metav1.ListOptions{LabelSelector: executorPluginLabel + "=ExecutorPlugin"}
	got := func(ns string) []string {
		l, err := c.CoreV1().ConfigMaps(ns).List(ctx(t), sel)
		if err != nil {
			t.Fatalf("list %s: %v", ns, err)
		}
		var names []string
		for _, cm := range l.Items {
			names = append(names, cm.Name)
		}
		return names
	}
	if a := got(nsA); strings.Join(a, ",") != "hello-executor-plugin" {
		t.Errorf("%s: %v", nsA, a)
	}
	if b := got(nsB); strings.Join(b, ",") != "hello-executor-plugin,other-executor-plugin" {
		t.Errorf("%s: %v", nsB, b)
	}
	all, err := c.CoreV1().ConfigMaps(metav1.NamespaceAll).List(ctx(t), sel)
	if err != nil || len(all.Items) != 3 {
		t.Errorf("all namespaces: %d items, %v", len(all.Items), err)
	}
}

// SetDefaults_Pod copies limits into missing requests, and quantities come
// back in canonical form (0.5 → 500m, sub-milli CPU rounded up to 1m).
func TestPodDefaultingFromLimits(t *testing.T) {
	c := clientFromKubeconfig(t)
	ns := namespace(t, c, "defaulting")
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "limits-only"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "main", Image: "example/plugin:v1", Resources: corev1.ResourceRequirements{
				Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("0.5"), corev1.ResourceMemory: resource.MustParse("1024Mi")}}},
			{Name: "tiny", Image: "example/tiny:latest", Resources: corev1.ResourceRequirements{
				Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("0.0001")}}},
		}},
	}
	created, err := createPod(t, c, ns, pod)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := c.CoreV1().Pods(ns).Get(ctx(t), created.Name, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	main, tiny := got.Spec.Containers[0], got.Spec.Containers[1]
	expect := func(what string, q resource.Quantity, want string) {
		if q.String() != want {
			t.Errorf("%s: got %q, want %q", what, q.String(), want)
		}
	}
	expect("main limits.cpu", main.Resources.Limits[corev1.ResourceCPU], "500m")
	expect("main requests.cpu (defaulted from limits)", main.Resources.Requests[corev1.ResourceCPU], "500m")
	expect("main limits.memory", main.Resources.Limits[corev1.ResourceMemory], "1Gi")
	expect("main requests.memory (defaulted from limits)", main.Resources.Requests[corev1.ResourceMemory], "1Gi")
	expect("tiny limits.cpu (rounded up to milli)", tiny.Resources.Limits[corev1.ResourceCPU], "1m")
	expect("tiny requests.cpu", tiny.Resources.Requests[corev1.ResourceCPU], "1m")
	if _, ok := tiny.Resources.Requests[corev1.ResourceMemory]; ok {
		t.Errorf("tiny: a memory request appeared without a memory limit: %v", tiny.Resources.Requests)
	}

	// The rest of what the API server fills in, recorded for the suite.
	if main.ImagePullPolicy != corev1.PullIfNotPresent || tiny.ImagePullPolicy != corev1.PullAlways {
		t.Errorf("imagePullPolicy: %s (tag v1), %s (tag latest)", main.ImagePullPolicy, tiny.ImagePullPolicy)
	}
	if main.TerminationMessagePath != "/dev/termination-log" || main.TerminationMessagePolicy != corev1.TerminationMessageReadFile {
		t.Errorf("termination message: %q %q", main.TerminationMessagePath, main.TerminationMessagePolicy)
	}
	s := got.Spec
	if s.RestartPolicy != corev1.RestartPolicyAlways || s.DNSPolicy != corev1.DNSClusterFirst ||
		s.SchedulerName != "default-scheduler" || s.ServiceAccountName != "default" ||
		s.EnableServiceLinks == nil || !*s.EnableServiceLinks || s.Priority == nil || *s.Priority != 0 ||
		s.TerminationGracePeriodSeconds == nil || *s.TerminationGracePeriodSeconds != 30 {
		t.Errorf("pod spec defaults: restart %s dns %s scheduler %s sa %q", s.RestartPolicy, s.DNSPolicy, s.SchedulerName, s.ServiceAccountName)
	}
	var saVolume string
	for _, v := range s.Volumes {
		if strings.HasPrefix(v.Name, "kube-api-access-") && v.Projected != nil {
			saVolume = v.Name
		}
	}
	if saVolume == "" {
		t.Errorf("ServiceAccount admission added no kube-api-access-* projected volume: %v", s.Volumes)
	}
	var tolerations []string
	for _, tol := range s.Tolerations {
		tolerations = append(tolerations, fmt.Sprintf("%s:%s:%d", tol.Key, tol.Effect, *tol.TolerationSeconds))
	}
	if len(tolerations) != 2 {
		t.Errorf("DefaultTolerationSeconds: %v", tolerations)
	}
	// "tiny" has no memory limit, so requests != limits for the pod: Burstable.
	if got.Status.QOSClass != corev1.PodQOSBurstable || got.Status.Phase != corev1.PodPending || got.Spec.NodeName != "" {
		t.Errorf("status: qos %s phase %s node %q", got.Status.QOSClass, got.Status.Phase, got.Spec.NodeName)
	}
	t.Logf("admitted: requests %s / %s; pullPolicy %s/%s; sa %s, volume %s; tolerations %v; qos %s; phase %s",
		fmtList(main.Resources.Requests), fmtList(tiny.Resources.Requests), main.ImagePullPolicy, tiny.ImagePullPolicy,
		s.ServiceAccountName, saVolume, tolerations, got.Status.QOSClass, got.Status.Phase)
}

// createPod creates at once after the namespace: the ServiceAccount admission
// plugin waits briefly for the serviceaccount controller's "default" account.
func createPod(t *testing.T, c kubernetes.Interface, ns string, pod *corev1.Pod) (*corev1.Pod, error) {
	t.Helper()
	return c.CoreV1().Pods(ns).Create(ctx(t), pod, metav1.CreateOptions{})
}

func TestInvalidPodRefused(t *testing.T) {
	c := clientFromKubeconfig(t)
	ns := namespace(t, c, "validation")
	cases := map[string]struct {
		pod  corev1.Pod
		want string
	}{
		"no image": {corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main"}}}},
			"spec.containers[0].image: Required value"},
		"request above limit": {corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "x:1",
			Resources: corev1.ResourceRequirements{
				Limits:   corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")},
				Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("200m")}}}}}},
			"must be less than or equal to cpu limit"},
		"duplicate container names": {corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{
			{Name: "same", Image: "x:1"}, {Name: "same", Image: "y:1"}}}},
			"spec.containers[1].name: Duplicate value"},
		"invalid container name": {corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "Not_A_DNS_Label", Image: "x:1"}}}},
			"spec.containers[0].name: Invalid value"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p := tc.pod
			p.Name = "invalid"
			_, err := c.CoreV1().Pods(ns).Create(ctx(t), &p, metav1.CreateOptions{})
			if !apierrors.IsInvalid(err) {
				t.Fatalf("want 422 Invalid, got %v", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			t.Logf("refused: %v", err)
		})
	}
}

// runAsUser: 0 with runAsNonRoot: true is a contradiction only the kubelet
// acts on ("container's runAsUser breaks non-root policy"): the API server
// stores the pod. PodSecurity refuses it only in a namespace that enforces
// the "restricted" level.
func TestRunAsUserZeroUnderRunAsNonRootIsAdmitted(t *testing.T) {
	c := clientFromKubeconfig(t)
	root := int64(0)
	yes := true
	mkPod := func() *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "root-under-nonroot"},
			Spec: corev1.PodSpec{
				SecurityContext: &corev1.PodSecurityContext{RunAsUser: ptr(int64(8737)), RunAsNonRoot: &yes},
				Containers: []corev1.Container{{Name: "sidecar", Image: "example/plugin:v1",
					SecurityContext: &corev1.SecurityContext{RunAsUser: &root, RunAsNonRoot: &yes}}}}}
	}
	ns := namespace(t, c, "runasuser")
	got, err := createPod(t, c, ns, mkPod())
	if err != nil {
		t.Fatalf("the API server refused the pod (expected the kubelet to be the one that refuses): %v", err)
	}
	sc := got.Spec.Containers[0].SecurityContext
	if sc == nil || sc.RunAsUser == nil || *sc.RunAsUser != 0 || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		t.Errorf("stored securityContext changed: %+v", sc)
	}
	t.Logf("admitted with container runAsUser=0, runAsNonRoot=true (namespace without a PodSecurity label); phase %s", got.Status.Phase)

	restricted := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "runasuser-restricted",
		Labels: map[string]string{"pod-security.kubernetes.io/enforce": "restricted"}}}
	if _, err := c.CoreV1().Namespaces().Create(ctx(t), restricted, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err = createPod(t, c, restricted.Name, mkPod())
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "runAsUser=0") {
		t.Errorf("PodSecurity restricted: want Forbidden naming runAsUser=0, got %v", err)
	}
	t.Logf("in a namespace enforcing restricted: %v", err)
}

// The namespace controller finalizes a deleted namespace (it would stay
// Terminating without it), deleting what it holds.
func TestNamespaceDeletionCompletes(t *testing.T) {
	c := clientFromKubeconfig(t)
	ns := namespace(t, c, "to-delete")
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "x", Labels: map[string]string{executorPluginLabel: "ExecutorPlugin"}}}
	if _, err := c.CoreV1().ConfigMaps(ns).Create(ctx(t), cm, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := c.CoreV1().Namespaces().Delete(ctx(t), ns, metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	for time.Since(began) < 60*time.Second {
		_, err := c.CoreV1().Namespaces().Get(ctx(t), ns, metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			t.Logf("namespace gone after %s", time.Since(began).Round(time.Millisecond))
			return
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Errorf("namespace %s still present 60s after deletion", ns)
}

// The serviceaccount-token controller fills a kubernetes.io/service-account-token
// Secret some time after it is created (the suite's PluginInstall creates one
// per plugin), and the API server accepts the token it holds.
func TestServiceAccountTokenSecretIsFilled(t *testing.T) {
	c := clientFromKubeconfig(t)
	ns := namespace(t, c, "sa-token")
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: "plugin-sa"}}
	if _, err := c.CoreV1().ServiceAccounts(ns).Create(ctx(t), sa, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	secret := &corev1.Secret{Type: corev1.SecretTypeServiceAccountToken, ObjectMeta: metav1.ObjectMeta{Name: "plugin-sa.service-account-token",
		Annotations: map[string]string{corev1.ServiceAccountNameKey: sa.Name}}}
	created, err := c.CoreV1().Secrets(ns).Create(ctx(t), secret, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	var got *corev1.Secret
	for time.Since(began) < 30*time.Second {
		got, err = c.CoreV1().Secrets(ns).Get(ctx(t), created.Name, metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Data["token"]) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(got.Data["token"]) == 0 {
		t.Fatalf("no token 30s after creating the Secret (keys at creation: %d)", len(created.Data))
	}
	if string(got.Data["namespace"]) != ns || len(got.Data["ca.crt"]) == 0 {
		t.Errorf("secret keys: namespace %q, ca.crt %d bytes", got.Data["namespace"], len(got.Data["ca.crt"]))
	}
	t.Logf("keys at creation: %d; token filled after %s", len(created.Data), time.Since(began).Round(time.Millisecond))

	saClient, err := kubernetes.NewForConfig(&rest.Config{Host: ready.URL, BearerToken: string(got.Data["token"]),
		TLSClientConfig: rest.TLSClientConfig{CAData: got.Data["ca.crt"]}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := saClient.AuthenticationV1().SelfSubjectReviews().Create(ctx(t), &authnv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("authenticating with the Secret's token: %v", err)
	}
	if want := "system:serviceaccount:" + ns + ":" + sa.Name; r.Status.UserInfo.Username != want {
		t.Errorf("token authenticates as %q, want %q", r.Status.UserInfo.Username, want)
	}
	_, err = saClient.CoreV1().ConfigMaps(ns).List(ctx(t), metav1.ListOptions{})
	if !apierrors.IsForbidden(err) {
		t.Errorf("RBAC: a service account without roles listed configmaps: %v", err)
	}
}

// The root-ca-cert-publisher puts kube-root-ca.crt into every namespace, as
// every pod's kube-api-access-* volume expects.
func TestRootCAConfigMapPublished(t *testing.T) {
	c := clientFromKubeconfig(t)
	ns := namespace(t, c, "root-ca")
	began := time.Now()
	for time.Since(began) < 30*time.Second {
		cm, err := c.CoreV1().ConfigMaps(ns).Get(ctx(t), "kube-root-ca.crt", metav1.GetOptions{})
		if err == nil {
			if !strings.Contains(cm.Data["ca.crt"], "BEGIN CERTIFICATE") {
				t.Errorf("kube-root-ca.crt without a certificate: %v", cm.Data)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("no kube-root-ca.crt in %s after 30s", ns)
}

// SIGTERM while the API server is still starting (etcd up, post-start hooks
// running) must still end in a clean stop: exit 0, temp work dir removed.
// (Cancelling kube-apiserver during its post-start hooks makes it exit through
// klog.Fatalf; the program waits for readiness first.)
func TestSIGTERMDuringStartup(t *testing.T) {
	for _, delay := range []time.Duration{300 * time.Millisecond, 1500 * time.Millisecond} {
		tmp := t.TempDir()
		cmd := exec.Command(binary, "-log-file", filepath.Join(tmp, "server.log"))
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				b, _ := os.ReadFile(filepath.Join(tmp, "server.log"))
				t.Errorf("SIGTERM after %s: %v\n%s", delay, err, tail(string(b), 3000))
			}
		case <-time.After(90 * time.Second):
			_ = cmd.Process.Kill()
			t.Fatalf("SIGTERM after %s: still running 90s later", delay)
		}
		left, _ := filepath.Glob(filepath.Join(tmp, "argo-conformance-apiserver-*"))
		if len(left) > 0 {
			t.Errorf("SIGTERM after %s: work dir left behind: %v", delay, left)
		}
	}
}

// Last test: SIGTERM stops the API server and etcd, exit status 0, and the
// temporary work directory is gone.
func TestShutdownOnSIGTERM(t *testing.T) {
	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	select {
	case err := <-serverExit:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v", err)
		}
	case <-time.After(60 * time.Second):
		_ = server.Process.Kill()
		t.Fatal("still running 60s after SIGTERM")
	}
	t.Logf("stopped %s after SIGTERM", time.Since(began).Round(time.Millisecond))
	if _, err := os.Stat(ready.Dir); !os.IsNotExist(err) {
		t.Errorf("work dir %s left behind (%v)", ready.Dir, err)
	}
}

func fmtList(l corev1.ResourceList) string {
	var parts []string
	for k, v := range l {
		parts = append(parts, string(k)+"="+v.String())
	}
	sort.Strings(parts)
	return "{" + strings.Join(parts, " ") + "}"
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }
