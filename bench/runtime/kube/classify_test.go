package kube

import (
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestHopelessReason(t *testing.T) {
	status := func(init, main []corev1.ContainerStatus) *corev1.Pod {
		return &corev1.Pod{Status: corev1.PodStatus{InitContainerStatuses: init, ContainerStatuses: main}}
	}
	terminated := func(name, reason string, code int32) corev1.ContainerStatus {
		return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: reason, ExitCode: code}}}
	}
	waiting := func(name, reason string) corev1.ContainerStatus {
		return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason}}}
	}
	for _, tc := range []struct {
		name string
		pod  *corev1.Pod
		want string
	}{
		{"no pod yet", nil, ""},
		{"creating", status(nil, []corev1.ContainerStatus{waiting("jenkins", "ContainerCreating")}), ""},
		{"image pull retried", status(nil, []corev1.ContainerStatus{waiting("jenkins", "ImagePullBackOff")}), ""},
		{"never pulled", status(nil, []corev1.ContainerStatus{waiting("jenkins", "ErrImageNeverPull")}), "container jenkins ErrImageNeverPull"},
		{"oom", status(nil, []corev1.ContainerStatus{terminated("jenkins", "OOMKilled", 137)}), "OOMKilled (exit code 137)"},
		{"crash loop", status(nil, []corev1.ContainerStatus{{Name: "jenkins",
			State:                corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
			LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Error", ExitCode: 2}}}}),
			"container jenkins exited with code 2 (Error); CrashLoopBackOff"},
		{"restore failed", status([]corev1.ContainerStatus{terminated("restore", "Error", 1)}, nil), "init container restore failed: exited with code 1"},
		{"restore done", status([]corev1.ContainerStatus{terminated("restore", "Completed", 0)}, nil), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hopelessReason(tc.pod)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Errorf("hopelessReason = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStuckReason(t *testing.T) {
	scheduled := &corev1.Pod{ObjectMeta: metaNamed("p-0"), Spec: corev1.PodSpec{NodeName: "n"},
		Status: corev1.PodStatus{Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}}}}
	unschedulable := &corev1.Pod{ObjectMeta: metaNamed("p-0"), Status: corev1.PodStatus{Conditions: []corev1.PodCondition{{
		Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Message: "0/1 nodes are available: 1 Insufficient cpu."}}}}
	pending := &corev1.PersistentVolumeClaim{ObjectMeta: metaNamed("c"), Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimPending}}
	bound := &corev1.PersistentVolumeClaim{ObjectMeta: metaNamed("c"), Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimBound}}
	stale := []noted{{Type: corev1.EventTypeWarning, Reason: "FailedScheduling", Object: "p-0", Message: "unbound immediate PersistentVolumeClaims"}}
	for _, tc := range []struct {
		name   string
		pod    *corev1.Pod
		claim  *corev1.PersistentVolumeClaim
		events []noted
		want   string
	}{
		{"unschedulable", unschedulable, bound, nil, "pod p-0 unschedulable (FailedScheduling): 0/1 nodes are available: 1 Insufficient cpu."},
		{"claim pending", nil, pending, []noted{{Type: "Normal", Reason: "ExternalProvisioning", Kind: "PersistentVolumeClaim", Object: "c", Message: "waiting"}}, "claim c Pending: ExternalProvisioning: waiting"},
		{"scheduled: an old FailedScheduling is stale", scheduled, bound, stale, ""},
		{"no capacity: the provisioner's refusal, after its earlier events", nil, pending, []noted{
			{Type: "Normal", Reason: "ExternalProvisioning", Kind: "PersistentVolumeClaim", Object: "c", Message: "waiting"},
			{Type: "Warning", Reason: "ProvisioningFailed", Kind: "PersistentVolumeClaim", Object: "c",
				Message: `failed to provision volume with StorageClass "gp3": rpc error: code = ResourceExhausted desc = CreateVolume: pool "ebs" is full`},
			{Type: "Normal", Reason: "Provisioning", Kind: "PersistentVolumeClaim", Object: "c", Message: "External provisioner is provisioning volume"},
		}, `claim c Pending: no capacity: ProvisioningFailed: failed to provision volume with StorageClass "gp3": rpc error: code = ResourceExhausted desc = CreateVolume: pool "ebs" is full`},
		{"attach timing out", scheduled, bound, []noted{{Type: corev1.EventTypeWarning, Reason: "FailedAttachVolume", Object: "p-0",
			Message: `AttachVolume.Attach failed for volume "pvc-1" : rpc error: code = DeadlineExceeded desc = context deadline exceeded`}},
			`FailedAttachVolume: AttachVolume.Attach failed for volume "pvc-1" : rpc error: code = DeadlineExceeded desc = context deadline exceeded`},
		{"mount failing", scheduled, bound, []noted{{Type: corev1.EventTypeWarning, Reason: "FailedMount", Object: "p-0", Message: "timed out"}}, "FailedMount: timed out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stuckReason(tc.pod, tc.claim, tc.events); got != tc.want {
				t.Errorf("stuckReason = %q, want %q", got, tc.want)
			}
		})
	}
}

func metaNamed(name string) metav1.ObjectMeta { return metav1.ObjectMeta{Name: name} }
