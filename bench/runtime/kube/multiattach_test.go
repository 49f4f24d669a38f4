package kube

import (
	"context"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"
)

// TestMultiAttachFailsTheStart plays a Multi-Attach error — a
// ReadWriteOnce volume still attached to the node a pod was lost on — to
// the watcher through a fake API server, so that the classification is
// checked without a cluster (TestMultiAttach produces a real one on two
// nodes): the start must fail once the pending timeout has passed, with
// the attach controller's message.
func TestMultiAttachFailsTheStart(t *testing.T) {
	api := fake.NewClientset()
	c := &Cluster{Client: api, Namespace: "jsbench", Server: "fake"}
	d := &deployment{rt: New(""), c: c, pendingTimeout: 300 * time.Millisecond,
		plan: plan{name: "jsb-t-000000", claim: &corev1.PersistentVolumeClaim{}, sts: &appsv1.StatefulSet{}}}
	d.bg, d.cancelBG = context.WithCancel(context.Background())
	tl := newTimeline(time.Now())
	d.w = watch(c, d.plan.name, tl)
	if err := d.w.synced(context.Background()); err != nil {
		t.Fatal(err)
	}
	inst := d.instance(tl)
	defer d.stop(context.Background())

	ctx := context.Background()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: podName(d.plan.name), Namespace: c.Namespace, UID: "pod-uid",
			Labels: map[string]string{LabelRun: d.plan.name}},
		Spec: corev1.PodSpec{NodeName: "node-b"},
		Status: corev1.PodStatus{
			Conditions: []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionTrue}},
			ContainerStatuses: []corev1.ContainerStatus{{Name: controllerContainer,
				State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}}}},
		},
	}
	if _, err := api.CoreV1().Pods(c.Namespace).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	msg := `Multi-Attach error for volume "pvc-3f2a" Volume is already exclusively attached to one node and can't be attached to another`
	ev := &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "e1", Namespace: c.Namespace, UID: "event-uid"},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: pod.Name, Namespace: c.Namespace, UID: pod.UID},
		Type:           corev1.EventTypeWarning, Reason: "FailedAttachVolume", Message: msg,
		LastTimestamp: metav1.Now(), Count: 1,
	}
	if _, err := api.CoreV1().Events(c.Namespace).Create(ctx, ev, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-inst.Exited():
	case <-time.After(10 * time.Second):
		t.Fatal("a start stuck on Multi-Attach did not fail")
	}
	rep := inst.Report(ctx)
	if !strings.Contains(rep.Failure, "FailedAttachVolume: Multi-Attach error") {
		t.Errorf("failure %q, want the attach controller's Multi-Attach message", rep.Failure)
	}
	if len(rep.Kubernetes.Events) != 1 || !strings.Contains(rep.Kubernetes.Events[0], "Warning FailedAttachVolume pod/") {
		t.Errorf("events %q", rep.Kubernetes.Events)
	}
}
