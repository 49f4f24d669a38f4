package kube

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/klog/v2"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// Runtime starts controllers as pods on a Kubernetes cluster. It
// implements contract.Runtime; its instances implement contract.Platform
// and contract.Failing.
type Runtime struct {
	// restoreImage runs restore init containers unless the scenario
	// names another.
	restoreImage string
	getenv       func(string) string
	clusters     clusters
	mu           sync.Mutex
	// nodes caches, per API server, the node that is this machine ("" for
	// none).
	nodes map[string]string
	// simImage is the local cluster's image of the simulated controller,
	// named by Open from the binary beside jsbench.
	simImage string
}

var _ contract.Runtime = (*Runtime)(nil)

var quietOnce sync.Once

// Option changes a Runtime made by New.
type Option func(*Runtime)

// WithSimImage runs ref for the simulated controller unless a scenario
// names its own, as Open would after naming the local cluster's.
func WithSimImage(ref string) Option { return func(r *Runtime) { r.simImage = ref } }

// New makes a runtime whose restore init containers run restoreImage
// (a scenario may name another). Connections are made at the first start.
func New(restoreImage string, opts ...Option) *Runtime {
	// client-go logs through klog to stderr; jsbench reports itself.
	quietOnce.Do(func() { klog.SetOutput(io.Discard); klog.LogToStderr(false) })
	r := &Runtime{restoreImage: restoreImage, getenv: os.Getenv, nodes: map[string]string{}}
	for _, opt := range opts {
		opt(r)
	}
	return r
}

// Cluster returns the connection a scenario's kubernetes block names.
func (r *Runtime) Cluster(ctx context.Context, k subject.Kubernetes) (*Cluster, error) {
	return r.clusters.get(ctx, k)
}

// Start creates the run's objects — the hostPath PV of a home on this
// machine or nothing for a StorageClass claim, the claim, a Secret for
// S3 credentials, the StatefulSet — and returns at once: the cluster's
// steps and the controller's log are observed through the instance. On
// error nothing Start created is left behind.
func (r *Runtime) Start(ctx context.Context, l subject.Launch) (contract.Instance, error) {
	l, err := r.resolve(l)
	if err != nil {
		return nil, err
	}
	k := subject.Kubernetes{PendingTimeout: subject.DefaultPendingTimeout}
	if l.Kubernetes != nil {
		k = *l.Kubernetes
	}
	c, err := r.clusters.get(ctx, k)
	if err != nil {
		return nil, err
	}
	in, err := r.planInput(ctx, c, l, k)
	if err != nil {
		return nil, err
	}
	p, err := buildPlan(l, in)
	if err != nil {
		return nil, err
	}
	d := &deployment{rt: r, c: c, plan: p, pendingTimeout: k.PendingTimeout}
	inst, err := d.start(ctx)
	if err != nil {
		return nil, errors.Join(err, d.stop(ctx))
	}
	return inst, nil
}

func (r *Runtime) planInput(ctx context.Context, c *Cluster, l subject.Launch, k subject.Kubernetes) (planInput, error) {
	pod, err := decodePodSettings(k)
	if err != nil {
		return planInput{}, err
	}
	in := planInput{name: runName(l.Labels["jsbench.volume"]), namespace: c.Namespace, pod: pod,
		restoreImage: r.restoreImage, getenv: r.getenv}
	if k.RestoreImage != "" {
		in.restoreImage = k.RestoreImage
	}
	if l.Claim != nil {
		if err := checkStorageClass(ctx, c, l.Claim.StorageClass); err != nil {
			return planInput{}, err
		}
	}
	if l.HomeDir != "" {
		if in.node, err = r.localNode(ctx, c); err != nil {
			return planInput{}, err
		}
	}
	return in, nil
}

// checkStorageClass refuses a class the cluster does not have, naming
// those it has.
func checkStorageClass(ctx context.Context, c *Cluster, name string) error {
	_, err := c.Client.StorageV1().StorageClasses().Get(ctx, name, metav1.GetOptions{})
	if err == nil {
		return nil
	}
	if !apierrors.IsNotFound(err) {
		return fmt.Errorf("look up StorageClass %q: %w", name, err)
	}
	list, lerr := c.Client.StorageV1().StorageClasses().List(ctx, metav1.ListOptions{})
	if lerr != nil {
		return fmt.Errorf("StorageClass %q does not exist on %s", name, c.Server)
	}
	var names []string
	for _, sc := range list.Items {
		names = append(names, sc.Name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return fmt.Errorf("StorageClass %q does not exist on %s, which has no StorageClass at all", name, c.Server)
	}
	return fmt.Errorf("StorageClass %q does not exist on %s; it has: %s", name, c.Server, strings.Join(names, ", "))
}

// localNode is the name of the node that is this machine, "" when none
// is (buildPlan then refuses a home in a directory here), found once per
// cluster.
func (r *Runtime) localNode(ctx context.Context, c *Cluster) (string, error) {
	r.mu.Lock()
	name, ok := r.nodes[c.Server]
	r.mu.Unlock()
	if ok {
		return name, nil
	}
	name, err := findLocalNode(ctx, c)
	if err != nil {
		return "", err
	}
	r.mu.Lock()
	r.nodes[c.Server] = name
	r.mu.Unlock()
	return name, nil
}

// thisNode is the node that is this machine, "" when none is known.
func (r *Runtime) thisNode(ctx context.Context, c *Cluster) string {
	name, _ := r.localNode(ctx, c)
	return name
}

func findLocalNode(ctx context.Context, c *Cluster) (string, error) {
	nodes, err := c.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return "", fmt.Errorf("list nodes: %w", err)
	}
	local := localAddresses()
	for _, n := range nodes.Items {
		if isLocal(n, local) {
			return n.Labels[corev1.LabelHostname], nil
		}
	}
	return "", nil
}

func isLocal(n corev1.Node, local map[string]bool) bool {
	for _, a := range n.Status.Addresses {
		if a.Type == corev1.NodeInternalIP || a.Type == corev1.NodeExternalIP {
			if local[a.Address] {
				return true
			}
		}
	}
	return false
}
