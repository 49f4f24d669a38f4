package scenario

import (
	"go.yaml.in/yaml/v3"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

var (
	kubernetesFields = []string{"kubeconfig", "context", "namespace", "pending_timeout", "resources",
		"node_selector", "tolerations", "affinity", "image_pull_policy", "sim_image", "restore_image"}
	pullPolicies = []string{"Always", "IfNotPresent", "Never"}
)

// kubernetes reads the `kubernetes:` block, which only the kubernetes
// runtime reads.
func (c *checker) kubernetes(top *fields, runtime string) *subject.Kubernetes {
	const block = "kubernetes"
	spec, _ := subject.Spec(c.runtimes, runtime)
	f := c.optionalMapping(top, block)
	if f == nil {
		if spec.Block != block {
			return nil
		}
		return &subject.Kubernetes{PendingTimeout: subject.DefaultPendingTimeout}
	}
	if spec.Block != block {
		c.report(top.entries[block].key, block, "the kubernetes block needs %s",
			c.runtimesWith(func(s subject.RuntimeSpec) bool { return s.Block == block }))
	}
	c.knownKeys(f, kubernetesFields)
	k := &subject.Kubernetes{
		Kubeconfig:      c.text(f, "kubeconfig", ""),
		Context:         c.text(f, "context", ""),
		Namespace:       c.text(f, "namespace", ""),
		PendingTimeout:  c.duration(f, "pending_timeout", subject.DefaultPendingTimeout),
		ImagePullPolicy: c.choice(f, "image_pull_policy", "", "image pull policy", pullPolicies),
		SimImage:        c.text(f, "sim_image", ""),
		RestoreImage:    c.text(f, "restore_image", ""),
		Line:            f.node.Line,
	}
	k.Resources = c.anyMapping(f, "resources")
	k.NodeSelector = c.anyMapping(f, "node_selector")
	k.Affinity = c.anyMapping(f, "affinity")
	if n := f.value("tolerations"); n != nil && c.is(n, yaml.SequenceNode, f.field("tolerations"), "a list of tolerations") {
		if v, ok := c.value(n, f.field("tolerations")); ok {
			k.Tolerations = v.([]any)
		}
	}
	return k
}

// anyMapping returns the mapping under key as decoded YAML, nil when absent.
func (c *checker) anyMapping(f *fields, key string) map[string]any {
	n := f.value(key)
	if n == nil || !c.is(n, yaml.MappingNode, f.field(key), "a mapping, as Kubernetes spells the pod's "+key) {
		return nil
	}
	v, ok := c.value(n, f.field(key))
	if !ok {
		return nil
	}
	return v.(map[string]any)
}

// checkVolumeRuntime reports volumes that the runtime cannot give the
// subject (a pvc outside a cluster, an NFS or EFS Docker volume inside
// one), with the runtime's hint, and a pvc that should hold a home
// jsbench cannot write onto it.
func (c *checker) checkVolumeRuntime(top *fields, vols []Volume, runtime, homeKind string) {
	spec, _ := subject.Spec(c.runtimes, runtime)
	for i, v := range vols {
		n := volumeKindNode(top, i)
		if v.Kind == "pvc" && homeKind != HomeEmpty {
			c.report(n, "volumes.kind", "a pvc starts empty, and home.kind is %s: jsbench cannot write a home onto a claim before the start; use home: {kind: empty}, or restore the home onto the claim (kind: snapshot, target: {kind: pvc, …})", homeKind)
		}
		if hint, refused := spec.RefusesVolume[v.Kind]; refused {
			c.report(n, "volumes.kind", "%s", hint)
		}
	}
}

// volumeKindNode is the kind value of the i-th volume entry.
func volumeKindNode(top *fields, i int) *yaml.Node {
	list := top.value("volumes")
	if list == nil || i >= len(list.Content) {
		return top.node
	}
	if _, v := lookup(list.Content[i], "kind"); v != nil {
		return v
	}
	return list.Content[i]
}
