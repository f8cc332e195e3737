package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/klog/v2"

	"go.etcd.io/etcd/server/v3/embed"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/kubernetes/pkg/controller/certificates/rootcacertpublisher"
	namespacecontroller "k8s.io/kubernetes/pkg/controller/namespace"
	serviceaccountcontroller "k8s.io/kubernetes/pkg/controller/serviceaccount"
	"k8s.io/kubernetes/pkg/serviceaccount"
)

// waitReady polls /readyz until it answers "ok", and returns the server's
// version. It gives up when the server stops, etcd fails, or time runs out.
func waitReady(cfg *rest.Config, runErr <-chan error, etcd *embed.Etcd, timeout time.Duration, stopped *bool) (string, error) {
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return "", err
	}
	deadline := time.After(timeout)
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		// A signal (ctx done) does not end this wait: cancelling the API server
		// while its post-start hooks run makes it exit at once through
		// klog.Fatalf, leaving the work dir behind. The caller stops it once
		// it is ready.
		select {
		case err := <-runErr:
			*stopped = true
			if err == nil {
				err = errors.New("stopped before it was ready")
			}
			return "", fmt.Errorf("kube-apiserver: %w", err)
		case err := <-etcd.Err():
			return "", fmt.Errorf("etcd: %w", err)
		case <-deadline:
			return "", fmt.Errorf("kube-apiserver not ready within %s (last: %v)", timeout, last)
		case <-tick.C:
		}
		reqCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		body, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(reqCtx)
		cancel()
		if err != nil || string(body) != "ok" {
			last = err
			continue
		}
		v, err := client.Discovery().ServerVersion()
		if err != nil {
			last = err
			continue
		}
		return v.GitVersion, nil
	}
}

// startControllers runs the controllers of kube-controller-manager that
// pod admission and namespace lifecycle depend on, from Kubernetes' own
// packages:
//   - serviceaccount: creates the "default" ServiceAccount in every namespace,
//     without which the ServiceAccount admission plugin refuses pods;
//   - root-ca-cert-publisher: the kube-root-ca.crt ConfigMap every pod's
//     projected token volume refers to;
//   - serviceaccount-token: fills kubernetes.io/service-account-token Secrets
//     (token, ca.crt, namespace), signed with the service-account key;
//   - namespace: finalizes deleted namespaces (they stay Terminating without it).
//
// It returns once the "default" ServiceAccount exists in namespace "default".
func startControllers(ctx context.Context, cfg *rest.Config, p *pki) error {
	logger := klog.FromContext(ctx)
	client, err := kubernetes.NewForConfig(rest.CopyConfig(cfg))
	if err != nil {
		return err
	}
	nsCfg := rest.CopyConfig(cfg)
	nsCfg.QPS, nsCfg.Burst = 1000, 10000
	nsClient, err := kubernetes.NewForConfig(nsCfg)
	if err != nil {
		return err
	}
	metaClient, err := metadata.NewForConfig(nsCfg)
	if err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(client, 0)

	sa, err := serviceaccountcontroller.NewServiceAccountsController(logger,
		factory.Core().V1().ServiceAccounts(), factory.Core().V1().Namespaces(), client,
		serviceaccountcontroller.DefaultServiceAccountsControllerOptions())
	if err != nil {
		return err
	}
	publisher, err := rootcacertpublisher.NewPublisher(factory.Core().V1().ConfigMaps(),
		factory.Core().V1().Namespaces(), client, []byte(p.caPEM))
	if err != nil {
		return err
	}
	legacyTokens, err := serviceaccount.JWTTokenGenerator(serviceaccount.LegacyIssuer, p.saKey)
	if err != nil {
		return err
	}
	tokens, err := serviceaccountcontroller.NewTokensController(logger,
		factory.Core().V1().ServiceAccounts(), factory.Core().V1().Secrets(), client,
		serviceaccountcontroller.TokensControllerOptions{TokenGenerator: legacyTokens, RootCA: []byte(p.caPEM)})
	if err != nil {
		return err
	}
	ns := namespacecontroller.NewNamespaceController(ctx, nsClient, metaClient,
		nsClient.Discovery().ServerPreferredNamespacedResources,
		factory.Core().V1().Namespaces(), 5*time.Minute, corev1.FinalizerKubernetes)

	factory.Start(ctx.Done())
	go sa.Run(ctx, 1)
	go publisher.Run(ctx, 1)
	go tokens.Run(ctx, 1)
	go ns.Run(ctx, 2)

	for {
		_, err := client.CoreV1().ServiceAccounts(metav1.NamespaceDefault).Get(ctx, "default", metav1.GetOptions{})
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func writeKubeconfig(path, serverURL string, p *pki) error {
	c := clientcmdapi.NewConfig()
	c.Clusters["argo-conformance"] = &clientcmdapi.Cluster{Server: serverURL, CertificateAuthority: p.caFile}
	c.AuthInfos[adminUser] = &clientcmdapi.AuthInfo{
		Token:             p.token,
		ClientCertificate: p.adminCertFile,
		ClientKey:         p.adminKeyFile,
	}
	c.Contexts["argo-conformance"] = &clientcmdapi.Context{Cluster: "argo-conformance", AuthInfo: adminUser, Namespace: "default"}
	c.CurrentContext = "argo-conformance"
	return clientcmd.WriteToFile(*c, path)
}
