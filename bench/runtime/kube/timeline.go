package kube

import (
	"math"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Milestones of a start, as results.Step names them.
const (
	stepDeleteRequested  = "delete_requested"
	stepPodGone          = "pod_gone"
	stepVolumeDetached   = "volume_detached"
	stepSnapshotReady    = "snapshot_ready"
	stepClaimBound       = "claim_bound"
	stepPodCreated       = "pod_created"
	stepPodScheduled     = "pod_scheduled"
	stepAttachRequested  = "attach_requested"
	stepVolumeAttached   = "volume_attached"
	stepSandboxReady     = "sandbox_ready"
	stepInitStarted      = "init_started"
	stepInitFinished     = "init_finished"
	stepImageReady       = "image_ready"
	stepContainerStarted = "container_started"
)

// phaseOf names the phase that ends at each milestone, in the order the
// phases are listed in results: for a node or zone loss, the time until
// the cluster noticed (power-off to the node NotReady) and the wait for
// the recovery path's action (NotReady to the forced deletion, the
// out-of-service taint or the Node deleted); the loss of the old pod
// (failovers: to the pod object gone), the
// snapshot a moved home is restored from (moves between classes), the
// claim (its provisioning: created to bound), scheduling, the wait for
// the attach/detach controller to ask for the volume's attachment (its
// VolumeAttachment created), the attachment itself (created to attached),
// the pod's setup (mounts,
// sandbox, network: until the kubelet turns to the first image), the
// restore init container, the controller's image (its pull, when it is
// pulled), the container's start.
// Every start lists every phase (a phase the start did not go through is
// skipped), so that reports line them up; each phase runs from the
// milestone received before its own, so that they add up to the start
// of the controller's container.
var phaseOf = []struct{ step, phase string }{
	{stepNodeNotReady, "node_detect"},
	{stepRecoveryAction, "recovery_wait"},
	{stepPodGone, "terminating"},
	{stepVolumeDetached, "detach"},
	{stepSnapshotReady, "snapshot"},
	{stepClaimBound, "pvc_bind"},
	{stepPodScheduled, "schedule"},
	{stepAttachRequested, "attach_wait"},
	{stepVolumeAttached, "attach"},
	{stepSandboxReady, "pod_setup"},
	{stepInitFinished, results.PhaseInitRestore},
	{stepImageReady, "image"},
	{stepContainerStarted, "container_start"},
}

// failoverOnly are the phases only a failover goes through; moveOnly
// those only a home moved by snapshot does.
var (
	failoverOnly = map[string]bool{"terminating": true, "detach": true}
	moveOnly     = map[string]bool{"snapshot": true}
	nodeLossOnly = map[string]bool{"node_detect": true, "recovery_wait": true}
)

// phases turns the milestones received into the platform's phases,
// offsets from the start in milliseconds, in the causal order of
// phaseOf. A pod's status and the events about it travel apart, so a
// milestone may be received after one that follows it (the controller's
// image reported before the restore's end): it is then taken to have
// happened by the later one's receipt, and its phase ends there.
// pod_created, init_started, power_off, node_tainted and
// pod_marked_for_deletion are recorded but end no phase.
func phases(steps []results.Step, failover, move bool) []results.Phase {
	at := map[string]float64{}
	for _, s := range steps {
		if _, seen := at[s.Name]; !seen {
			at[s.Name] = s.OffsetMS
		}
	}
	_, nodeLoss := at[stepPowerOff]
	effective := map[string]float64{}
	next := math.Inf(1)
	for i := len(phaseOf) - 1; i >= 0; i-- {
		if v, ok := at[phaseOf[i].step]; ok {
			next = min(v, next)
			effective[phaseOf[i].step] = next
		}
	}
	var out []results.Phase
	prev := 0.0
	for _, p := range phaseOf {
		if failoverOnly[p.phase] && !failover || moveOnly[p.phase] && !move || nodeLossOnly[p.phase] && !nodeLoss {
			continue
		}
		end, ok := effective[p.step]
		if !ok {
			out = append(out, results.Phase{Name: p.phase, Skipped: true})
			continue
		}
		out = append(out, results.Phase{Name: p.phase, StartMS: prev, DurationMS: end - prev})
		prev = end
	}
	return out
}

// stepAt builds a step received at t, origin being the start.
func stepAt(name string, origin, t time.Time, api *time.Time) results.Step {
	return results.Step{Name: name, OffsetMS: float64(t.Sub(origin).Microseconds()) / 1000, APITime: api}
}
