package kube

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	apiwatch "k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/utils/ptr"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// volumeSnapshots is the VolumeSnapshot resource of the CSI snapshot
// controller (external-snapshotter's CRDs). jsbench reads and writes it
// as unstructured objects: the snapshotter's typed client would pin
// client-go to its own version.
var volumeSnapshots = schema.GroupVersionResource{Group: "snapshot.storage.k8s.io", Version: "v1", Resource: "volumesnapshots"}

// move is a home moved between StorageClasses by snapshot: the claim of
// the old class, the pod that puts the home on it, and the snapshot the
// run's claim is restored from (all named after the run, the source
// claim and pod with a suffix).
type move struct {
	source   *corev1.PersistentVolumeClaim
	populate *corev1.Pod
	snapshot *unstructured.Unstructured
}

// sourceSuffix names the old class's claim and the pod that fills it.
const sourceSuffix = "-source"

// planMove builds the objects of a move; the pod restores the home with
// the restore image, as the restore init container does.
func planMove(src homemount.SnapshotSource, in planInput, p plan) (*move, *corev1.Secret) {
	name := p.name + sourceSuffix
	claim := &corev1.PersistentVolumeClaim{
		ObjectMeta: p.meta(name),
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes:      []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			StorageClassName: ptr.To(src.StorageClass),
			Resources: corev1.VolumeResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(src.Size)},
			},
		},
	}
	ctr, secret, vols := restoreInit(homemount.Restore{Source: src.Home, UID: src.UID, GID: src.GID}, in, p)
	pod := &corev1.Pod{
		ObjectMeta: p.meta(name),
		Spec: corev1.PodSpec{
			Containers:    []corev1.Container{ctr},
			RestartPolicy: corev1.RestartPolicyNever,
			Volumes: append([]corev1.Volume{{Name: homeVolume, VolumeSource: corev1.VolumeSource{
				PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: name}}}}, vols...),
			NodeSelector:                 in.pod.nodeSelector,
			Tolerations:                  in.pod.tolerations,
			AutomountServiceAccountToken: ptr.To(false),
			EnableServiceLinks:           ptr.To(false),
		},
	}
	snap := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "snapshot.storage.k8s.io/v1", "kind": "VolumeSnapshot",
		"spec": map[string]any{"source": map[string]any{"persistentVolumeClaimName": name}},
	}}
	snap.SetName(p.name)
	snap.SetNamespace(p.namespace)
	snap.SetLabels(cloneLabels(p.labels))
	if src.SnapshotClass != "" {
		_ = unstructured.SetNestedField(snap.Object, src.SnapshotClass, "spec", "volumeSnapshotClassName")
	}
	return &move{source: claim, populate: pod, snapshot: snap}, secret
}

// startMove fills the old class's claim and stops the pod that filled
// it, as Jenkins is stopped before its volume is snapshotted; then it
// starts the clock, takes the snapshot and waits until it is ready to
// use (the snapshot_ready milestone). The run's claim comes after.
func (d *deployment) startMove(ctx context.Context, tl *timeline) error {
	m, api, ns := d.plan.move, d.c.Client.CoreV1(), d.c.Namespace
	if _, err := api.PersistentVolumeClaims(ns).Create(ctx, m.source, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("create claim %s of the old class: %w", m.source.Name, err)
	}
	d.stack.Push("claim "+m.source.Name, func(ctx context.Context) error {
		return d.deleteClaimNamed(ctx, m.source.Name)
	})
	if _, err := api.Pods(ns).Create(ctx, m.populate, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("create pod %s that puts the home on the old claim: %w", m.populate.Name, err)
	}
	d.stack.Push("pod "+m.populate.Name, func(ctx context.Context) error { return d.deletePodNamed(ctx, m.populate.Name) })
	if err := d.waitPopulated(ctx); err != nil {
		return err
	}
	if err := d.deletePodNamed(ctx, m.populate.Name); err != nil {
		return err
	}
	snaps, err := d.snapshots()
	if err != nil {
		return err
	}
	tl.mu.Lock()
	tl.origin = time.Now()
	tl.mu.Unlock()
	if _, err := snaps.Create(ctx, m.snapshot, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("create VolumeSnapshot %s of claim %s: %w (are the CSI snapshot CRDs and controller installed?)", m.snapshot.GetName(), m.source.Name, err)
	}
	d.stack.Push("volume snapshot "+m.snapshot.GetName(), func(ctx context.Context) error {
		return ignoreNotFound(snaps.Delete(ctx, m.snapshot.GetName(), metav1.DeleteOptions{}))
	})
	return d.waitSnapshotReady(ctx, snaps, tl)
}

func (d *deployment) snapshots() (dynamic.ResourceInterface, error) {
	dc, err := dynamic.NewForConfig(d.c.Config)
	if err != nil {
		return nil, fmt.Errorf("connect for VolumeSnapshots: %w", err)
	}
	return dc.Resource(volumeSnapshots).Namespace(d.c.Namespace), nil
}

// waitPopulated waits until the pod that restores the home onto the old
// claim has succeeded, within the pending timeout.
func (d *deployment) waitPopulated(ctx context.Context) error {
	name := d.plan.move.populate.Name
	ctx, cancel := context.WithTimeout(ctx, d.pendingTimeout)
	defer cancel()
	tick := time.NewTicker(gonePoll)
	defer tick.Stop()
	for {
		pod, err := d.c.Client.CoreV1().Pods(d.c.Namespace).Get(ctx, name, metav1.GetOptions{})
		if err == nil && pod.Status.Phase == corev1.PodSucceeded {
			return nil
		}
		if err == nil && pod.Status.Phase == corev1.PodFailed {
			lines, _ := d.c.fullLog(ctx, name, restoreContainer)
			return fmt.Errorf("pod %s failed to put the home on claim %s: %s", name, d.plan.move.source.Name, tail(lines))
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("pod %s did not put the home on claim %s within %s: %w", name, d.plan.move.source.Name, d.pendingTimeout, ctx.Err())
		}
	}
}

// waitSnapshotReady watches the snapshot until its status says
// readyToUse, stamping the milestone on receipt; a snapshot error fails
// the start with the snapshot controller's message.
func (d *deployment) waitSnapshotReady(ctx context.Context, snaps dynamic.ResourceInterface, tl *timeline) error {
	name := d.plan.move.snapshot.GetName()
	ctx, cancel := context.WithTimeout(ctx, d.pendingTimeout)
	defer cancel()
	w, err := snaps.Watch(ctx, metav1.ListOptions{FieldSelector: "metadata.name=" + name})
	if err != nil {
		return fmt.Errorf("watch VolumeSnapshot %s: %w", name, err)
	}
	defer w.Stop()
	for {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				return fmt.Errorf("watch of VolumeSnapshot %s ended before it was ready", name)
			}
			u, isObj := ev.Object.(*unstructured.Unstructured)
			if !isObj || ev.Type == apiwatch.Deleted {
				continue
			}
			if ready, _, _ := unstructured.NestedBool(u.Object, "status", "readyToUse"); ready {
				tl.mu.Lock()
				tl.step(stepSnapshotReady, time.Now(), nil)
				tl.mu.Unlock()
				return nil
			}
			if msg, found, _ := unstructured.NestedString(u.Object, "status", "error", "message"); found && msg != "" {
				return fmt.Errorf("VolumeSnapshot %s of claim %s failed: %s", name, d.plan.move.source.Name, msg)
			}
		case <-ctx.Done():
			return fmt.Errorf("VolumeSnapshot %s not ready to use within %s: %w", name, d.pendingTimeout, ctx.Err())
		}
	}
}

// deletePodNamed deletes a pod and waits until it is gone.
func (d *deployment) deletePodNamed(ctx context.Context, name string) error {
	pods := d.c.Client.CoreV1().Pods(d.c.Namespace)
	grace := int64(stopGrace / time.Second)
	if err := ignoreNotFound(pods.Delete(ctx, name, metav1.DeleteOptions{GracePeriodSeconds: &grace})); err != nil {
		return err
	}
	return waitGone(ctx, "pod "+name, func(ctx context.Context) error {
		_, err := pods.Get(ctx, name, metav1.GetOptions{})
		return err
	})
}

// tail is the last lines of a log, for a reason.
func tail(lines []jenkinslog.Line) string {
	var texts []string
	for _, l := range lines {
		texts = append(texts, l.Text)
	}
	if len(texts) > restoreTailLines {
		texts = texts[len(texts)-restoreTailLines:]
	}
	return strings.Join(texts, " | ")
}

// sweepSnapshots deletes the VolumeSnapshots of killed jsbench processes
// (moves between classes). A cluster without the snapshot CRDs has none.
func sweepSnapshots(ctx context.Context, c *Cluster, sel metav1.ListOptions) ([]string, error) {
	dc, err := dynamic.NewForConfig(c.Config)
	if err != nil {
		return nil, fmt.Errorf("connect for VolumeSnapshots: %w", err)
	}
	snaps := dc.Resource(volumeSnapshots).Namespace(c.Namespace)
	list, err := snaps.List(ctx, sel)
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list volume snapshots: %w", err)
	}
	var removed []string
	var errs []error
	for _, o := range list.Items {
		if !owner.Orphaned(o.GetLabels()) {
			continue
		}
		if err := ignoreNotFound(snaps.Delete(ctx, o.GetName(), metav1.DeleteOptions{})); err != nil {
			errs = append(errs, fmt.Errorf("delete volume snapshot %s: %w", o.GetName(), err))
			continue
		}
		removed = append(removed, "volume snapshot "+c.Namespace+"/"+o.GetName())
	}
	return removed, errors.Join(errs...)
}
