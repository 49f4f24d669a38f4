package kube

import (
	"fmt"
	"maps"
	"sort"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// plan is every object one run creates, built from the launch before
// anything is sent to the API server.
type plan struct {
	name      string
	namespace string
	labels    map[string]string
	// pv is the hostPath volume of a home on this machine; nil for a
	// StorageClass claim.
	pv     *corev1.PersistentVolume
	claim  *corev1.PersistentVolumeClaim
	secret *corev1.Secret
	sts    *appsv1.StatefulSet
	// move holds the old class's claim and its snapshot when the claim
	// is restored from a snapshot taken in the run (Claim.SnapshotOf).
	move *move
}

// planInput is what building a plan needs beyond the launch.
type planInput struct {
	name, namespace string
	// node is the node whose file system holds launch.HomeDir.
	node string
	// restoreImage runs the restore init container.
	restoreImage string
	// pod holds the scenario's pod fields, decoded.
	pod podSettings
	// getenv reads the harness's environment (S3 settings).
	getenv func(string) string
}

// hostClaimSize is the nominal size of a hostPath volume and its claim:
// the directory has no size of its own.
const hostClaimSize = "1Gi"

func buildPlan(l subject.Launch, in planInput) (plan, error) {
	p := plan{name: in.name, namespace: in.namespace, labels: labelsFor(l.Labels, in.name)}
	switch {
	case l.Claim != nil:
		p.claim = classClaim(p, *l.Claim)
		if src := l.Claim.SnapshotOf; src != nil {
			p.move, p.secret = planMove(*src, in, p)
		}
	case l.HomeDir != "":
		if in.node == "" {
			return plan{}, fmt.Errorf("home %q is a directory on this machine, but no node of the cluster is this machine: volume kinds local, tmpfs, emulated and path need jsbench to run on a node; use kind pvc", l.HomeDir)
		}
		p.pv = hostVolume(p, l.HomeDir, in.node)
		if l.Restore != nil {
			// Local disk restored by an init container on whichever node
			// the pod lands: the directory stands for every node's disk,
			// told apart by the restore's node marker.
			p.pv.Spec.NodeAffinity = nil
		}
		p.claim = hostClaim(p)
	default:
		return plan{}, fmt.Errorf("the Kubernetes runtime needs a volume with a host directory or a claim; kind of volume not supported on Kubernetes")
	}
	pod, err := podTemplate(l, in, p)
	if err != nil {
		return plan{}, err
	}
	if l.Restore != nil {
		init, secret, vols := restoreInit(*l.Restore, in, p)
		pod.Spec.InitContainers = append(pod.Spec.InitContainers, init)
		pod.Spec.Volumes = append(pod.Spec.Volumes, vols...)
		p.secret = secret
	}
	p.sts = statefulSet(p, pod)
	return p, nil
}

func (p plan) meta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: p.namespace, Labels: cloneLabels(p.labels)}
}

func hostVolume(p plan, dir, node string) *corev1.PersistentVolume {
	meta := p.meta(p.name)
	meta.Namespace = ""
	return &corev1.PersistentVolume{
		ObjectMeta: meta,
		Spec: corev1.PersistentVolumeSpec{
			Capacity:    corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(hostClaimSize)},
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			// jsbench deletes the PV itself and its kind removes the directory.
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimRetain,
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: dir, Type: ptr.To(corev1.HostPathDirectory)},
			},
			ClaimRef: &corev1.ObjectReference{Kind: "PersistentVolumeClaim", Namespace: p.namespace, Name: p.name},
			NodeAffinity: &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{
				NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchExpressions: []corev1.NodeSelectorRequirement{{
					Key: corev1.LabelHostname, Operator: corev1.NodeSelectorOpIn, Values: []string{node},
				}}}},
			}},
		},
	}
}

// hostClaim is pre-bound to the run's hostPath PV: no StorageClass, no
// provisioner, bound at once.
func hostClaim(p plan) *corev1.PersistentVolumeClaim {
	return &corev1.PersistentVolumeClaim{
		ObjectMeta: p.meta(p.name),
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			StorageClassName: ptr.To(""),
			VolumeName:       p.name,
			Resources: corev1.VolumeResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(hostClaimSize)},
			},
		},
	}
}

func classClaim(p plan, c homemount.Claim) *corev1.PersistentVolumeClaim {
	claim := &corev1.PersistentVolumeClaim{
		ObjectMeta: p.meta(p.name),
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.PersistentVolumeAccessMode(c.AccessMode)},
			StorageClassName: ptr.To(c.StorageClass),
			Resources: corev1.VolumeResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(c.Size)},
			},
		},
	}
	snapshot := c.SnapshotName
	if c.SnapshotOf != nil {
		snapshot = p.name // taken in the run, named after it
	}
	if snapshot != "" {
		claim.Spec.DataSource = &corev1.TypedLocalObjectReference{
			APIGroup: ptr.To("snapshot.storage.k8s.io"), Kind: "VolumeSnapshot", Name: snapshot,
		}
	}
	return claim
}

// podTemplate is the controller's pod: its image and arguments, the home
// on the claim, the scenario's scheduling fields and resources.
func podTemplate(l subject.Launch, in planInput, p plan) (corev1.PodTemplateSpec, error) {
	ctr := corev1.Container{
		Name:            controllerContainer,
		Image:           l.Image,
		Args:            l.Command,
		Env:             envVars(l.Env),
		Ports:           []corev1.ContainerPort{{Name: "http", ContainerPort: int32(l.HTTPPort)}},
		VolumeMounts:    []corev1.VolumeMount{{Name: homeVolume, MountPath: subject.ContainerHome}},
		ImagePullPolicy: pullPolicy(l.Image, in.pod.pullPolicy),
		Resources:       limits(l),
	}
	if in.pod.resources != nil {
		ctr.Resources = *in.pod.resources
	}
	spec := corev1.PodSpec{
		Containers:   []corev1.Container{ctr},
		Volumes:      []corev1.Volume{{Name: homeVolume, VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: p.claim.Name}}}},
		NodeSelector: in.pod.nodeSelector,
		Tolerations:  in.pod.tolerations,
		Affinity:     in.pod.affinity,
		// No token: the controller has no business with the API.
		AutomountServiceAccountToken: ptr.To(false),
		EnableServiceLinks:           ptr.To(false),
	}
	withCache(&spec, l)
	sc, err := securityContext(l.User)
	if err != nil {
		return corev1.PodTemplateSpec{}, err
	}
	spec.SecurityContext = sc
	return corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: cloneLabels(p.labels)}, Spec: spec}, nil
}

// securityContext runs the pod as user "uid:gid" (the simulated
// controller's) and gives claims of StorageClasses to its group, as the
// Jenkins Helm chart does with fsGroup 1000.
func securityContext(user string) (*corev1.PodSecurityContext, error) {
	sc := &corev1.PodSecurityContext{FSGroup: ptr.To(int64(subject.JenkinsGID))}
	if user == "" {
		return sc, nil
	}
	u, g, _ := strings.Cut(user, ":")
	uid, err := strconv.ParseInt(u, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("user %q is not numeric uid:gid", user)
	}
	sc.RunAsUser = ptr.To(uid)
	if g != "" {
		gid, err := strconv.ParseInt(g, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("user %q is not numeric uid:gid", user)
		}
		sc.RunAsGroup, sc.FSGroup = ptr.To(gid), ptr.To(gid)
	}
	return sc, nil
}

// limits turns the subject's cpu and memory into a pod's limits, with
// requests equal to them (a Guaranteed pod, as a controller should be).
func limits(l subject.Launch) corev1.ResourceRequirements {
	rl := corev1.ResourceList{}
	if l.CPUs > 0 {
		rl[corev1.ResourceCPU] = *resource.NewMilliQuantity(int64(l.CPUs*1000), resource.DecimalSI)
	}
	if l.MemoryBytes > 0 {
		rl[corev1.ResourceMemory] = *resource.NewQuantity(l.MemoryBytes, resource.BinarySI)
	}
	if len(rl) == 0 {
		return corev1.ResourceRequirements{}
	}
	return corev1.ResourceRequirements{Limits: rl, Requests: maps.Clone(rl)}
}

// pullPolicy is the scenario's, else Never for jsbench's own images
// (imported into a local cluster; a registry has none) and IfNotPresent
// for any other.
func pullPolicy(image string, set corev1.PullPolicy) corev1.PullPolicy {
	switch {
	case set != "":
		return set
	case strings.HasPrefix(image, "localhost/jsbench/"):
		return corev1.PullNever
	}
	return corev1.PullIfNotPresent
}

func envVars(env map[string]string) []corev1.EnvVar {
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]corev1.EnvVar, 0, len(names))
	for _, k := range names {
		out = append(out, corev1.EnvVar{Name: k, Value: env[k]})
	}
	return out
}

func statefulSet(p plan, pod corev1.PodTemplateSpec) *appsv1.StatefulSet {
	return &appsv1.StatefulSet{
		ObjectMeta: p.meta(p.name),
		Spec: appsv1.StatefulSetSpec{
			Replicas:    ptr.To(int32(1)),
			ServiceName: p.name,
			Selector:    &metav1.LabelSelector{MatchLabels: map[string]string{LabelRun: p.name}},
			Template:    pod,
		},
	}
}

// podName is the name of a StatefulSet's only pod.
func podName(sts string) string { return sts + "-0" }
