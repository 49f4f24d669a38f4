package kube

import (
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/jsbench/jsbench/bench/record/results"
)

// maxEvents bounds the events one start keeps.
const maxEvents = 200

// timeline is what one start of the controller's pod went through, as
// received by the watcher: its milestones, the latest state of its pod
// and claim, and the cluster's events about them. A failover starts a new
// timeline on the same watcher.
type timeline struct {
	mu       sync.Mutex
	origin   time.Time
	failover bool
	// oldUID is the pod being replaced (failovers); uid the pod this
	// start is about, once seen.
	oldUID, uid types.UID
	oldNode     string
	pvName      string
	steps       []results.Step
	seen        map[string]bool
	events      []noted
	eventIndex  map[types.UID]int
	pod         *corev1.Pod
	claim       *corev1.PersistentVolumeClaim
	failure     string
	// notRecovered marks a failure the cluster cannot get past on this
	// storage (failovers): a volume bound to a lost node, a StatefulSet
	// waiting for a pod no kubelet will confirm.
	notRecovered bool
	// loss describes a node or zone loss; nil for other starts.
	loss        *lossFacts
	startedOnce sync.Once
	// started is closed when the controller's container has started (or
	// already ended); exited when the start has failed for good.
	started, exited chan struct{}
}

func newTimeline(origin time.Time) *timeline {
	return &timeline{origin: origin, seen: map[string]bool{}, eventIndex: map[types.UID]int{},
		started: make(chan struct{}), exited: make(chan struct{})}
}

// step records the first receipt of a milestone.
func (t *timeline) step(name string, at time.Time, api *time.Time) {
	if t.seen[name] {
		return
	}
	t.seen[name] = true
	t.steps = append(t.steps, stepAt(name, t.origin, at, api))
	if name == stepContainerStarted {
		t.startedOnce.Do(func() { close(t.started) })
	}
}

// fail ends the start for good with reason; the first reason stays.
func (t *timeline) fail(reason string) {
	if t.failure != "" {
		return
	}
	t.failure = reason
	close(t.exited)
	t.startedOnce.Do(func() { close(t.started) })
}

// note keeps an event, replacing an earlier version of the same event
// (Kubernetes counts repeats on one object).
func (t *timeline) note(uid types.UID, e noted) {
	if i, ok := t.eventIndex[uid]; ok {
		t.events[i] = e
		return
	}
	if len(t.events) == maxEvents {
		return
	}
	t.eventIndex[uid] = len(t.events)
	t.events = append(t.events, e)
}

// snapshot copies what a report needs, under the lock.
func (t *timeline) snapshot() timelineView {
	t.mu.Lock()
	defer t.mu.Unlock()
	v := timelineView{origin: t.origin, failover: t.failover, steps: append([]results.Step(nil), t.steps...),
		events: append([]noted(nil), t.events...), failure: t.failure, pvName: t.pvName,
		notRecovered: t.notRecovered, oldNode: t.oldNode}
	if t.loss != nil {
		l := *t.loss
		v.loss = &l
	}
	if t.pod != nil {
		v.pod = t.pod.DeepCopy()
	}
	if t.claim != nil {
		v.claim = t.claim.DeepCopy()
	}
	return v
}

// lossFacts is what a node or zone loss did: its recovery path and
// delay, the nodes powered off and their zone.
type lossFacts struct {
	recovery string
	after    time.Duration
	nodes    []string
	zone     string
}

// timelineView is a copy of a timeline at one moment.
type timelineView struct {
	origin   time.Time
	failover bool
	steps    []results.Step
	events   []noted
	failure  string
	pvName   string
	// notRecovered, oldNode and loss are the timeline's (failovers).
	notRecovered bool
	oldNode      string
	loss         *lossFacts
	pod          *corev1.Pod
	claim        *corev1.PersistentVolumeClaim
}

// at is the moment a milestone was received, zero when it was not.
func (v timelineView) at(name string) time.Time {
	for _, s := range v.steps {
		if s.Name == name {
			return v.origin.Add(time.Duration(s.OffsetMS * float64(time.Millisecond)))
		}
	}
	return time.Time{}
}

// eventTexts renders the events, warnings only unless all is set.
func (v timelineView) eventTexts(all bool) []string {
	var out []string
	for _, e := range v.events {
		if all || e.Type == corev1.EventTypeWarning {
			out = append(out, e.String())
		}
	}
	return out
}

// apiTime is an API timestamp as a step keeps it, nil when unset.
func apiTime(t metav1.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	v := t.UTC()
	return &v
}
