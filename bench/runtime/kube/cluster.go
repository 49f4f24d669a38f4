package kube

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// ErrNoCluster means no Kubernetes API server could be reached with the
// configuration found. The error says where it looked and what to do.
var ErrNoCluster = errors.New("no Kubernetes cluster reachable")

// noClusterRemedy tells a person how to get a cluster.
const noClusterRemedy = "set KUBECONFIG (or kubernetes.kubeconfig in the scenario) to a kubeconfig whose user has deploy/rbac.yaml's rights, or start the local cluster: sudo scripts/cluster.sh up && eval \"$(scripts/cluster.sh env)\""

// connectTimeout bounds the first request to the API server.
const connectTimeout = 10 * time.Second

// DefaultNamespace is used when neither the scenario nor the kubeconfig
// context names one.
const DefaultNamespace = "default"

// Cluster is a connection to one API server, as one user, in one namespace.
type Cluster struct {
	Config    *rest.Config
	Client    kubernetes.Interface
	Namespace string
	// Server is the API server's URL, Version its git version.
	Server, Version string
}

// Connect loads the configuration from the usual places (KUBECONFIG,
// ~/.kube/config, the in-cluster service account), with the scenario's
// overrides, and checks that the API server answers. The error wraps
// ErrNoCluster and names the remedy.
func Connect(ctx context.Context, k subject.Kubernetes) (*Cluster, error) {
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	if k.Kubeconfig != "" {
		rules.ExplicitPath = k.Kubeconfig
	}
	if err := missingKubeconfig(k.Kubeconfig, os.Getenv(clientcmd.RecommendedConfigPathEnvVar)); err != nil {
		return nil, fmt.Errorf("%w: %w; %s", ErrNoCluster, err, noClusterRemedy)
	}
	overrides := &clientcmd.ConfigOverrides{CurrentContext: k.Context}
	loader := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules, overrides)
	cfg, err := loader.ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("%w: load kubeconfig: %w; %s", ErrNoCluster, err, noClusterRemedy)
	}
	cfg.QPS, cfg.Burst = 50, 100
	ns := k.Namespace
	if ns == "" {
		if ns, _, err = loader.Namespace(); err != nil || ns == "" {
			ns = DefaultNamespace
		}
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("%w: %w; %s", ErrNoCluster, err, noClusterRemedy)
	}
	c := &Cluster{Config: cfg, Client: client, Namespace: ns, Server: cfg.Host}
	if err := c.ping(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// missingKubeconfig names the kubeconfig files that were asked for but do
// not exist: the scenario's kubeconfig, or every file KUBECONFIG lists
// (client-go skips missing ones silently and then says only that no
// configuration was provided).
func missingKubeconfig(explicit, env string) error {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return fmt.Errorf("kubernetes.kubeconfig %q: %w", explicit, err)
		}
		return nil
	}
	if env == "" {
		return nil
	}
	paths := filepath.SplitList(env)
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return nil
		}
	}
	if len(paths) == 1 {
		return fmt.Errorf("KUBECONFIG names %q, which does not exist", env)
	}
	return fmt.Errorf("KUBECONFIG names %q, none of which exists", env)
}

// ping asks the API server for its version.
func (c *Cluster) ping(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		v, err := c.Client.Discovery().ServerVersion()
		if err == nil {
			c.Version = v.GitVersion
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%w at %s: %w; %s", ErrNoCluster, c.Server, err, noClusterRemedy)
		}
		return nil
	case <-time.After(connectTimeout):
		return fmt.Errorf("%w at %s: no answer within %s; %s", ErrNoCluster, c.Server, connectTimeout, noClusterRemedy)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// clusters caches connections by what the scenario said, so that every
// run of a suite shares one.
type clusters struct {
	mu    sync.Mutex
	byKey map[[3]string]*Cluster
}

func (cs *clusters) get(ctx context.Context, k subject.Kubernetes) (*Cluster, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	key := [3]string{k.Kubeconfig, k.Context, k.Namespace}
	if c, ok := cs.byKey[key]; ok {
		return c, nil
	}
	c, err := Connect(ctx, k)
	if err != nil {
		return nil, err
	}
	if cs.byKey == nil {
		cs.byKey = map[[3]string]*Cluster{}
	}
	cs.byKey[key] = c
	return c, nil
}

// localAddresses are this machine's addresses and host name: a node that
// has one of them is the machine jsbench runs on.
func localAddresses() map[string]bool {
	out := map[string]bool{}
	if h, err := os.Hostname(); err == nil {
		out[h] = true
	}
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return out
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() {
			out[ipn.IP.String()] = true
		}
	}
	return out
}

// all returns every cluster connected so far, in no particular order.
func (cs *clusters) all() []*Cluster {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	out := make([]*Cluster, 0, len(cs.byKey))
	for _, c := range cs.byKey {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
