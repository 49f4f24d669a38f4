package kube

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/snapshot"
)

// restoreTailLines is how much of a failed restore's log a reason quotes.
const restoreTailLines = 5

// Clock sources a record names.
const (
	clockSameHost = "same host: jsbench runs on the pod's node"
	clockUnknown  = "unknown: jsbench does not run on the pod's node; log times are the node's clock, uncorrected"
)

// Report says what the cluster did for this start: its phases, why it
// failed if it did, the events, where it ran and, for a restore by init
// container, what the restore found.
func (i *Instance) Report(ctx context.Context) contract.PlatformReport {
	v := i.tl.snapshot()
	d := i.d
	v.steps = startedByFirstLine(v.steps, v.origin, i.firstLine())
	rep := contract.PlatformReport{Phases: phases(v.steps, v.failover, d.plan.move != nil && !v.failover), ContainerStarted: v.at(stepContainerStarted)}
	rep.Failure = v.failure
	if rep.Failure == "" {
		rep.Failure = stuckReason(v.pod, v.claim, v.events)
	}
	if crashLooping(v.pod) && !strings.Contains(rep.Failure, "CrashLoopBackOff") {
		rep.Failure += "; CrashLoopBackOff"
	}
	k := &results.Kubernetes{Server: d.c.Server, Version: d.c.Version, Namespace: d.c.Namespace,
		Pod: podName(d.plan.name), Claim: d.plan.name, PV: v.pvName, Steps: v.steps,
		ClockSource: clockUnknown, Events: v.eventTexts(true)}
	if v.pod != nil {
		k.Node = v.pod.Spec.NodeName
	}
	switch off, n, ok := d.w.clock.offset(k.Node); {
	case k.Node != "" && k.Node == d.rt.thisNode(ctx, d.c):
		k.ClockSource = clockSameHost
		if ok { // a check of the estimate used elsewhere
			k.ClockSource += fmt.Sprintf(" (its lease renewals agree: at least %.1f ms from %d renewals)", float64(off.Microseconds())/1000, n)
		}
	case ok:
		k.ClockOffsetMS = float64(off.Microseconds()) / 1000
		k.ClockSource = fmt.Sprintf("node lease renewals: at least %.1f ms (the node's clock ahead of jsbench's, a lower bound from %d renewals); log times are the node's clock, uncorrected", k.ClockOffsetMS, n)
		rep.Warnings = append(rep.Warnings, "jsbench does not run on the pod's node: pre_jvm and the log's phases are on the node's clock; "+k.ClockSource)
	}
	if sc := d.plan.claim.Spec.StorageClassName; sc != nil {
		k.StorageClass = *sc
	}
	rep.Kubernetes = k
	rep.Warnings = append(rep.Warnings, d.reclaimWarning(ctx, k)...)
	if d.plan.sts.Spec.Template.Spec.InitContainers != nil {
		facts, tail := d.restoreFacts(ctx)
		rep.Facts = facts
		if strings.HasPrefix(rep.Failure, "init container") && tail != "" {
			rep.Failure += "; log: " + tail
		}
	}
	rep.Failover = d.failoverFacts(ctx, v, rep.Facts)
	return rep
}

// startedByFirstLine moves the container's start back to its first log
// line when the line was stamped before the pod's status that showed the
// start was received: the container had started by then.
func startedByFirstLine(steps []results.Step, origin, first time.Time) []results.Step {
	if first.IsZero() {
		return steps
	}
	at := float64(first.Sub(origin).Microseconds()) / 1000
	for i := range steps {
		if steps[i].Name == stepContainerStarted && at < steps[i].OffsetMS {
			steps[i].OffsetMS = max(at, 0)
		}
	}
	return steps
}

// reclaimWarning reports a PV the cluster keeps after the claim is
// deleted: jsbench deletes its claims, never a provisioned volume's data.
func (d *deployment) reclaimWarning(ctx context.Context, k *results.Kubernetes) []string {
	if k.PV == "" {
		return nil
	}
	pv, err := d.c.Client.CoreV1().PersistentVolumes().Get(ctx, k.PV, metav1.GetOptions{})
	if err != nil {
		return []string{fmt.Sprintf("read persistent volume %s: %v", k.PV, err)}
	}
	k.ReclaimPolicy = string(pv.Spec.PersistentVolumeReclaimPolicy)
	if d.plan.pv != nil || pv.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimRetain {
		return nil
	}
	return []string{fmt.Sprintf("persistent volume %s (StorageClass %s) has reclaim policy Retain: it and its data stay after jsbench deletes claim %s; delete them with kubectl delete pv %s and in your storage's console",
		k.PV, k.StorageClass, k.Claim, k.PV)}
}

// restoreFacts reads the restore init container's log: its statistics
// as facts, and its last lines for a failure's reason.
func (d *deployment) restoreFacts(ctx context.Context) (map[string]string, string) {
	lines, err := d.c.fullLog(ctx, podName(d.plan.name), restoreContainer)
	if err != nil {
		return map[string]string{"restore_log_error": err.Error()}, ""
	}
	var texts []string
	for _, l := range lines {
		texts = append(texts, l.Text)
		if facts, ok := keptStats(l.Text); ok {
			return facts, ""
		}
		stats, ok := strings.CutPrefix(l.Text, snapshot.StatsLinePrefix)
		if !ok {
			continue
		}
		var s snapshot.Stats
		if err := json.Unmarshal([]byte(stats), &s); err == nil {
			return restoreStatFacts(s), ""
		}
	}
	if len(texts) > restoreTailLines {
		texts = texts[len(texts)-restoreTailLines:]
	}
	return nil, strings.Join(texts, " | ")
}

// restoreStatFacts is the restore's facts, with its total time, which on
// Kubernetes is a phase of the start rather than a figure of the record.
func restoreStatFacts(s snapshot.Stats) map[string]string {
	facts := s.Facts()
	facts["snapshot_total_ms"] = strconv.FormatFloat(s.TotalMS, 'f', 3, 64)
	return facts
}
