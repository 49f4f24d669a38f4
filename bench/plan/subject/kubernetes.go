package subject

import "time"

// RuntimeKubernetes runs the controller as a pod of a one-replica
// StatefulSet on a cluster (bench/runtime/kube).
const RuntimeKubernetes = "kubernetes"

// Kubernetes is a scenario's `kubernetes:` block: where the pod runs and
// how it is scheduled. The pod fields are kept as the scenario spelled
// them (decoded YAML) and decoded strictly into the Kubernetes API types
// by bench/runtime/kube, which owns client-go.
type Kubernetes struct {
	// Kubeconfig, Context and Namespace override the usual places
	// (KUBECONFIG, ~/.kube/config, in-cluster); empty keeps them.
	Kubeconfig, Context, Namespace string
	// PendingTimeout fails a run whose claim stays Pending, whose pod
	// stays unschedulable or whose image cannot be had for this long.
	PendingTimeout time.Duration
	// Resources, NodeSelector, Tolerations and Affinity are the pod's
	// fields of those names, as Kubernetes spells them (nil when absent).
	Resources    map[string]any
	NodeSelector map[string]any
	Tolerations  []any
	Affinity     map[string]any
	// ImagePullPolicy is the controller's; empty means Never for jsbench's
	// own images (imported into a local cluster) and IfNotPresent else.
	ImagePullPolicy string
	// SimImage and RestoreImage replace jsbench's local images on a
	// cluster that pulls them from a registry.
	SimImage, RestoreImage string
	// Line is the block's line in the scenario file, for errors found
	// when the pod fields are decoded.
	Line int
}

// DefaultPendingTimeout fails a Kubernetes run whose claim stays Pending,
// whose pod stays unschedulable or whose image cannot be had this long:
// twice the API server's default 60 s wait for a volume to bind, and well
// inside a scenario's default timeout, so that a cluster that cannot run
// the pod says so rather than timing out.
const DefaultPendingTimeout = 2 * time.Minute
