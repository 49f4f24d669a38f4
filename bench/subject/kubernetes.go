package subject

import "time"

// RuntimeKubernetes runs the controller as a pod of a one-replica
// StatefulSet on a cluster (bench/kube).
const RuntimeKubernetes = "kubernetes"

// Kubernetes is a scenario's `kubernetes:` block: where the pod runs and
// how it is scheduled. The pod fields are kept as the scenario spelled
// them (decoded YAML) and decoded strictly into the Kubernetes API types
// by bench/kube, which owns client-go.
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

// Claim is a PersistentVolumeClaim of a StorageClass (volume kind pvc).
type Claim struct {
	StorageClass string
	// Size is a Kubernetes quantity such as "10Gi".
	Size string
	// AccessMode is ReadWriteOnce, ReadWriteMany, ReadWriteOncePod or
	// ReadOnlyMany.
	AccessMode string
	// SnapshotName, when set, restores the claim from that VolumeSnapshot
	// (the claim's dataSource).
	SnapshotName string
}

// Restore is a home restored from a backup by an init container before
// the controller starts, instead of by the harness.
type Restore struct {
	// Source is a file path (on the node), an http(s):// URL or an
	// s3://bucket/key, as bench/snapshot parses it.
	Source string
	// UID and GID own the restored files.
	UID, GID int
}
