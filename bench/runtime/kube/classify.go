package kube

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// Waiting reasons of a container that no retry can cure: the run fails
// as soon as one is seen.
var hopeless = map[string]string{
	"ErrImageNeverPull":          "the image is not on the node and the pull policy is Never (local cluster: scripts/cluster.sh images; elsewhere set kubernetes.image_pull_policy and push the image to a registry)",
	"InvalidImageName":           "the image name is invalid",
	"CreateContainerConfigError": "the container's configuration cannot be created",
}

// Waiting reasons and event reasons that fail a run once they have lasted
// the pending timeout: they can clear by themselves (a registry that
// answers again, a node that is added, a volume that detaches).
var (
	stuckWaiting = map[string]bool{"ErrImagePull": true, "ImagePullBackOff": true, "CreateContainerError": true}
	// volumeEvents are the kubelet's and the attach controller's
	// complaints about a scheduled pod's volumes (Multi-Attach among them).
	volumeEvents = map[string]bool{"FailedAttachVolume": true, "FailedMount": true}
)

// hopelessReason says why a start cannot succeed, from the pod alone, or
// "" while it still may: a failed restore, a controller that exited or
// was OOM-killed, an image that cannot be had.
func hopelessReason(pod *corev1.Pod) string {
	if pod == nil {
		return ""
	}
	for _, s := range pod.Status.InitContainerStatuses {
		if t := s.State.Terminated; t != nil && t.ExitCode != 0 {
			return fmt.Sprintf("init container %s failed: %s", s.Name, terminatedText(t))
		}
		if t := s.LastTerminationState.Terminated; t != nil && t.ExitCode != 0 {
			return fmt.Sprintf("init container %s failed: %s", s.Name, terminatedText(t))
		}
		if w := s.State.Waiting; w != nil && hopeless[w.Reason] != "" {
			return waitingText(s.Name, w)
		}
	}
	for _, s := range pod.Status.ContainerStatuses {
		t := s.State.Terminated
		if t == nil {
			t = s.LastTerminationState.Terminated
		}
		if t != nil {
			reason := fmt.Sprintf("container %s %s", s.Name, terminatedText(t))
			if w := s.State.Waiting; w != nil && w.Reason == "CrashLoopBackOff" {
				reason += "; CrashLoopBackOff"
			}
			return reason
		}
		if w := s.State.Waiting; w != nil && hopeless[w.Reason] != "" {
			return waitingText(s.Name, w)
		}
	}
	return ""
}

func terminatedText(t *corev1.ContainerStateTerminated) string {
	if t.Reason == "OOMKilled" {
		return fmt.Sprintf("OOMKilled (exit code %d): killed for exceeding its memory limit", t.ExitCode)
	}
	s := fmt.Sprintf("exited with code %d", t.ExitCode)
	if t.Reason != "" {
		s += " (" + t.Reason + ")"
	}
	if m := strings.TrimSpace(t.Message); m != "" {
		s += ": " + m
	}
	return s
}

func waitingText(name string, w *corev1.ContainerStateWaiting) string {
	s := fmt.Sprintf("container %s %s", name, w.Reason)
	if w.Message != "" {
		s += ": " + w.Message
	}
	if hint := hopeless[w.Reason]; hint != "" {
		s += " — " + hint
	}
	return s
}

// stuckReason says what keeps a start from going on — a pod
// unschedulable, a claim Pending, an image that cannot be pulled, a
// volume that cannot be attached or mounted — or "" when nothing does.
// It is asked once the pending timeout has passed. Only what still holds
// counts: a FailedScheduling event is stale once the pod is scheduled.
func stuckReason(pod *corev1.Pod, claim *corev1.PersistentVolumeClaim, events []noted) string {
	unschedulable := ""
	if pod != nil {
		for _, c := range pod.Status.Conditions {
			if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse {
				unschedulable = "pod " + pod.Name + " unschedulable (FailedScheduling): " + c.Message
			}
		}
	}
	if claim != nil && claim.Status.Phase == corev1.ClaimPending {
		s, reason := fmt.Sprintf("claim %s Pending", claim.Name), ""
		// The claim's last warning says why, else its last event (a
		// provisioner that never answers leaves only ExternalProvisioning).
		e := lastEvent(events, claim.Name, nil)
		for i := len(events) - 1; i >= 0 && e == nil; i-- {
			if events[i].Object == claim.Name && events[i].Kind == "PersistentVolumeClaim" {
				e = &events[i]
			}
		}
		if e != nil {
			s, reason = s+": "+e.Reason+": "+e.Message, e.Reason
			if noCapacity(*e) {
				s = fmt.Sprintf("claim %s Pending: no capacity: %s: %s", claim.Name, e.Reason, e.Message)
			}
		}
		// A claim waiting for its pod to be scheduled is not the cause.
		if reason != "WaitForFirstConsumer" || unschedulable == "" {
			return s
		}
	}
	if unschedulable != "" {
		return unschedulable
	}
	if pod == nil {
		if e := lastEvent(events, "", nil); e != nil {
			return e.Reason + ": " + e.Message
		}
		return "no pod was created"
	}
	for _, s := range append(append([]corev1.ContainerStatus{}, pod.Status.InitContainerStatuses...), pod.Status.ContainerStatuses...) {
		if w := s.State.Waiting; w != nil && stuckWaiting[w.Reason] {
			return waitingText(s.Name, w)
		}
	}
	if settingUp(pod) {
		if e := lastEvent(events, pod.Name, volumeEvents); e != nil {
			return e.Reason + ": " + e.Message
		}
	}
	return ""
}

// noCapacity tells a provisioner's refusal for want of space: the CSI
// code ResourceExhausted, which the external-provisioner quotes.
func noCapacity(e noted) bool {
	return e.Reason == "ProvisioningFailed" && strings.Contains(e.Message, "ResourceExhausted")
}

// settingUp tells a scheduled pod none of whose containers has started:
// its volumes are being attached and mounted.
func settingUp(pod *corev1.Pod) bool {
	if pod.Spec.NodeName == "" {
		return false
	}
	for _, s := range append(append([]corev1.ContainerStatus{}, pod.Status.InitContainerStatuses...), pod.Status.ContainerStatuses...) {
		if s.State.Running != nil || s.State.Terminated != nil {
			return false
		}
	}
	return true
}

// crashLooping tells a controller the kubelet restarts with back-off.
func crashLooping(pod *corev1.Pod) bool {
	if pod == nil {
		return false
	}
	for _, s := range pod.Status.ContainerStatuses {
		if w := s.State.Waiting; w != nil && w.Reason == "CrashLoopBackOff" {
			return true
		}
	}
	return false
}

// lastEvent is the newest warning about the object named name ("" for
// any), limited to the given reasons when reasons is not nil.
func lastEvent(events []noted, name string, reasons map[string]bool) *noted {
	for i := len(events) - 1; i >= 0; i-- {
		e := &events[i]
		if e.Type != corev1.EventTypeWarning || (name != "" && e.Object != name) {
			continue
		}
		if reasons == nil || reasons[e.Reason] {
			return e
		}
	}
	return nil
}

// noted is one cluster event as jsbench keeps it.
type noted struct {
	Type, Reason, Kind, Object, Message string
	Count                               int32
}

func (e noted) String() string {
	s := fmt.Sprintf("%s %s %s/%s: %s", e.Type, e.Reason, strings.ToLower(e.Kind), e.Object, e.Message)
	if e.Count > 1 {
		s += fmt.Sprintf(" (×%d)", e.Count)
	}
	return s
}

// affinityConflicts are the scheduler's words for a pod whose volume is
// bound to nodes it cannot use (kube-scheduler v1.34's VolumeBinding
// plugin, and the older wording).
var affinityConflicts = []string{"didn't match PersistentVolume's node affinity", "volume node affinity conflict"}

// cannotFollow says why a failover's replacement will not come back, from
// an event about it, or "" while it still may: the scheduler found its
// volume bound to nodes it cannot use (a local volume on a lost or
// cordoned node, a zonal volume in a lost zone). That is recorded at
// once as the storage's answer to the failure, not waited out.
func cannotFollow(failover bool, kind, reason, message string) string {
	if !failover || kind != "Pod" || reason != "FailedScheduling" {
		return ""
	}
	conflict := false
	for _, words := range affinityConflicts {
		conflict = conflict || strings.Contains(message, words)
	}
	if !conflict {
		return ""
	}
	return "does not recover: the volume is bound to a node (or zone) the replacement cannot use, so it cannot follow the pod (" + strings.TrimSpace(message) + ")"
}
