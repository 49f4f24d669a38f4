package kube

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"
)

// watcher follows the objects of one StatefulSet — its pod, its claim,
// the events about them, the volume's attachment — and hands what it
// receives, stamped on receipt, to the current timeline.
type watcher struct {
	sts, pod, claim string
	stop            chan struct{}
	stopOnce        sync.Once
	mu              sync.Mutex
	cur             *timeline
	syncs           []cache.InformerSynced
	// clock holds, per node, the node's clock against jsbench's as its
	// heartbeats show it.
	clock clockSamples
}

// watch starts the informers of one run. They list and watch before the
// first object is created, so that no change is missed.
func watch(c *Cluster, run string, tl *timeline) *watcher {
	w := &watcher{sts: run, pod: podName(run), claim: run, stop: make(chan struct{}), cur: tl}
	own := informers.NewSharedInformerFactoryWithOptions(c.Client, 0, informers.WithNamespace(c.Namespace),
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.LabelSelector = selectorOf(run) }))
	events := informers.NewSharedInformerFactoryWithOptions(c.Client, 0, informers.WithNamespace(c.Namespace))
	cluster := informers.NewSharedInformerFactory(c.Client, 0)
	leases := informers.NewSharedInformerFactoryWithOptions(c.Client, 0, informers.WithNamespace(corev1.NamespaceNodeLease))
	w.handle(own.Core().V1().Pods().Informer(), w.onPod)
	w.handle(own.Core().V1().PersistentVolumeClaims().Informer(), w.onClaim)
	w.handle(events.Core().V1().Events().Informer(), w.onEvent)
	w.handle(cluster.Storage().V1().VolumeAttachments().Informer(), w.onAttachment)
	w.handle(leases.Coordination().V1().Leases().Informer(), w.onLease)
	for _, f := range []informers.SharedInformerFactory{own, events, cluster, leases} {
		f.Start(w.stop)
	}
	return w
}

// handle calls on for every add, update and delete, with the receipt time.
func (w *watcher) handle(inf cache.SharedIndexInformer, on func(obj any, deleted bool, at time.Time)) {
	w.syncs = append(w.syncs, inf.HasSynced)
	// A Forbidden list (a role without attachments) only logs: the
	// milestone is then missing and reported as skipped.
	_ = inf.SetWatchErrorHandler(func(*cache.Reflector, error) {})
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { on(obj, false, time.Now()) },
		UpdateFunc: func(_, obj any) { on(obj, false, time.Now()) },
		DeleteFunc: func(obj any) {
			if d, ok := obj.(cache.DeletedFinalStateUnknown); ok {
				obj = d.Obj
			}
			on(obj, true, time.Now())
		},
	})
}

// current is the timeline changes go to.
func (w *watcher) current() *timeline {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.cur
}

// replace makes tl the timeline of the next start.
func (w *watcher) replace(tl *timeline) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.cur = tl
}

func (w *watcher) close() { w.stopOnce.Do(func() { close(w.stop) }) }

func (w *watcher) onPod(obj any, deleted bool, at time.Time) {
	pod, ok := obj.(*corev1.Pod)
	if !ok || pod.Name != w.pod {
		return
	}
	t := w.current()
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case pod.UID == t.oldUID:
		if pod.DeletionTimestamp != nil {
			t.step(stepPodMarked, at, apiTime(*pod.DeletionTimestamp))
		}
		if deleted {
			t.step(stepPodGone, at, nil)
		}
		return
	case deleted:
		return
	case t.uid == "":
		t.uid = pod.UID
		t.step(stepPodCreated, at, apiTime(pod.CreationTimestamp))
	case pod.UID != t.uid:
		return
	}
	t.pod = pod
	podSteps(t, pod, at)
	if reason := hopelessReason(pod); reason != "" {
		t.fail(reason)
	}
}

// podSteps records the milestones a pod's status shows.
func podSteps(t *timeline, pod *corev1.Pod, at time.Time) {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionTrue {
			t.step(stepPodScheduled, at, apiTime(c.LastTransitionTime))
		}
	}
	for _, s := range pod.Status.InitContainerStatuses {
		if s.Name != restoreContainer {
			continue
		}
		if r := s.State.Running; r != nil {
			t.step(stepInitStarted, at, apiTime(r.StartedAt))
		}
		if e := s.State.Terminated; e != nil {
			t.step(stepInitStarted, at, apiTime(e.StartedAt))
			if e.ExitCode == 0 {
				t.step(stepInitFinished, at, apiTime(e.FinishedAt))
			}
		}
	}
	for _, s := range pod.Status.ContainerStatuses {
		if s.Name != controllerContainer {
			continue
		}
		switch {
		case s.State.Running != nil:
			t.step(stepContainerStarted, at, apiTime(s.State.Running.StartedAt))
		case s.State.Terminated != nil:
			t.step(stepContainerStarted, at, apiTime(s.State.Terminated.StartedAt))
		}
	}
}

func (w *watcher) onClaim(obj any, deleted bool, at time.Time) {
	claim, ok := obj.(*corev1.PersistentVolumeClaim)
	if !ok || deleted || claim.Name != w.claim {
		return
	}
	t := w.current()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.claim = claim
	if claim.Status.Phase == corev1.ClaimBound {
		t.pvName = claim.Spec.VolumeName
		if !t.failover {
			t.step(stepClaimBound, at, nil)
		}
	}
}

func (w *watcher) onEvent(obj any, deleted bool, at time.Time) {
	ev, ok := obj.(*corev1.Event)
	if !ok || deleted {
		return
	}
	o := ev.InvolvedObject
	t := w.current()
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case o.Kind == "Pod" && o.Name == w.pod:
		if o.UID != t.uid && (t.uid != "" || o.UID == t.oldUID) {
			return // the old pod's, or a pod of an earlier start
		}
		if ev.Reason == "Pulling" || ev.Reason == "Pulled" {
			// The kubelet turns to the first image once the sandbox runs.
			t.step(stepSandboxReady, at, apiTime(ev.LastTimestamp))
		}
		if ev.Reason == "Pulled" && strings.Contains(o.FieldPath, "{"+controllerContainer+"}") {
			t.step(stepImageReady, at, apiTime(ev.LastTimestamp))
		}
	case o.Kind == "PersistentVolumeClaim" && o.Name == w.claim:
	case o.Kind == "StatefulSet" && o.Name == w.sts:
	default:
		return
	}
	if ev.LastTimestamp.Time.Before(t.origin.Add(-time.Second)) && ev.EventTime.Time.Before(t.origin.Add(-time.Second)) {
		return // about an earlier start of the same objects
	}
	t.note(ev.UID, noted{Type: ev.Type, Reason: ev.Reason, Kind: o.Kind, Object: o.Name, Message: strings.TrimSpace(ev.Message), Count: ev.Count})
	if reason := cannotFollow(t.failover, o.Kind, ev.Reason, ev.Message); reason != "" {
		t.notRecovered = true
		t.fail(reason)
	}
}

// onAttachment records the volume's attachment to the pod's node — the
// VolumeAttachment's first receipt, then its status attached — and, in a
// failover, its detachment from the old pod's node. The attachment may
// arrive before the pod's node does: in a first start any attachment of
// the volume is the pod's; in a failover one to another node than the
// old pod's (a replacement on the same node keeps the attachment, and
// attaches nothing).
func (w *watcher) onAttachment(obj any, deleted bool, at time.Time) {
	va, ok := obj.(*storagev1.VolumeAttachment)
	if !ok || va.Spec.Source.PersistentVolumeName == nil {
		return
	}
	t := w.current()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pvName == "" || *va.Spec.Source.PersistentVolumeName != t.pvName {
		return
	}
	node := ""
	if t.pod != nil {
		node = t.pod.Spec.NodeName
	}
	if t.failover && va.Spec.NodeName == t.oldNode {
		if deleted || !va.Status.Attached {
			t.step(stepVolumeDetached, at, nil)
		}
		return
	}
	if deleted || node != "" && va.Spec.NodeName != node {
		return
	}
	t.step(stepAttachRequested, at, nil)
	if va.Status.Attached {
		t.step(stepVolumeAttached, at, nil)
	}
}

// synced waits until every informer has listed, so that the start's
// origin comes after the watches began.
func (w *watcher) synced(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, syncTimeout)
	defer cancel()
	if !cache.WaitForCacheSync(ctxDone(ctx, w.stop), w.syncs...) {
		return fmt.Errorf("watch pods, claims, events, volume attachments and node leases: not listed within %s (%w); does the user have deploy/rbac.yaml's rights?", syncTimeout, context.Cause(ctx))
	}
	return nil
}

// syncTimeout bounds the first listing of the watched objects.
const syncTimeout = 30 * time.Second

// ctxDone is a channel closed when ctx is done or stop is closed.
func ctxDone(ctx context.Context, stop <-chan struct{}) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
		case <-stop:
		}
	}()
	return done
}

// onLease samples a node's clock: a kubelet stamps each renewal of its
// Lease with its own clock, to the microsecond.
func (w *watcher) onLease(obj any, deleted bool, at time.Time) {
	l, ok := obj.(*coordinationv1.Lease)
	if !ok || deleted || l.Spec.RenewTime == nil {
		return
	}
	w.clock.add(l.Name, l.Spec.RenewTime.Time, at)
}
