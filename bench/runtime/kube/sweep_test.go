package kube_test

import (
	"context"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/jsbench/jsbench/bench/lifecycle/owner"
	"github.com/jsbench/jsbench/bench/runtime/kube"
)

// TestSweepRemovesWhatAKilledRunLeft plants the objects a SIGKILLed
// jsbench leaves — a StatefulSet with its pod, a claim, a Secret, a
// hostPath PV — labelled with a process that is gone, next to a volume
// the cluster kept (reclaim policy Retain) for a jsbench claim, and
// checks that Sweep deletes the first and only names the second.
func TestSweepRemovesWhatAKilledRunLeft(t *testing.T) {
	c, _ := cluster(t)
	ctx := context.Background()
	name := "jsb-swept-" + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)
	labels := deadOwner(t)
	labels[kube.LabelRun] = name
	meta := metav1.ObjectMeta{Name: name, Namespace: c.Namespace, Labels: labels}
	api := c.Client
	mustCreate(t, func() error {
		_, err := api.CoreV1().Secrets(c.Namespace).Create(ctx, &corev1.Secret{ObjectMeta: meta}, metav1.CreateOptions{})
		return err
	})
	mustCreate(t, func() error {
		_, err := api.CoreV1().PersistentVolumeClaims(c.Namespace).Create(ctx, &corev1.PersistentVolumeClaim{ObjectMeta: meta,
			Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				StorageClassName: ptr.To("jsbench-unprovisioned"),
				Resources:        corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}}}},
			metav1.CreateOptions{})
		return err
	})
	pvMeta := meta
	pvMeta.Namespace = ""
	mustCreate(t, func() error {
		_, err := api.CoreV1().PersistentVolumes().Create(ctx, hostPV(pvMeta, nil), metav1.CreateOptions{})
		return err
	})
	mustCreate(t, func() error {
		_, err := api.AppsV1().StatefulSets(c.Namespace).Create(ctx, &appsv1.StatefulSet{ObjectMeta: meta, Spec: appsv1.StatefulSetSpec{
			Replicas: ptr.To(int32(1)), ServiceName: name,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{kube.LabelRun: name}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{
				Containers: []corev1.Container{{Name: "c", Image: "localhost/jsbench/absent:none", ImagePullPolicy: corev1.PullNever}}}},
		}}, metav1.CreateOptions{})
		return err
	})
	kept := keptVolume(t, c, name)
	waitFor(t, "the StatefulSet's pod", func() bool {
		_, err := api.CoreV1().Pods(c.Namespace).Get(ctx, name+"-0", metav1.GetOptions{})
		return err == nil
	})

	removed, keptNames, err := kube.Sweep(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"statefulset ", "pod ", "claim ", "secret ", "persistent volume " + name} {
		if !slices.ContainsFunc(removed, func(r string) bool { return strings.HasPrefix(r, want) && strings.Contains(r, name) }) {
			t.Errorf("sweep removed %v; want %s…%s among them", removed, want, name)
		}
	}
	if !slices.ContainsFunc(keptNames, func(k string) bool { return strings.Contains(k, kept) && strings.Contains(k, "Retain") }) {
		t.Errorf("sweep kept %v; want volume %s named with its reclaim policy", keptNames, kept)
	}
	waitFor(t, "the swept objects to go", func() bool {
		_, e1 := api.CoreV1().Pods(c.Namespace).Get(ctx, name+"-0", metav1.GetOptions{})
		_, e2 := api.CoreV1().PersistentVolumeClaims(c.Namespace).Get(ctx, name, metav1.GetOptions{})
		_, e3 := api.CoreV1().PersistentVolumes().Get(ctx, name, metav1.GetOptions{})
		return e1 != nil && e2 != nil && e3 != nil
	})
	if _, err := api.CoreV1().PersistentVolumes().Get(ctx, kept, metav1.GetOptions{}); err != nil {
		t.Errorf("the kept volume was deleted: %v", err)
	}
}

// deadOwner is the owner labels of a jsbench process that has exited.
func deadOwner(t *testing.T) map[string]string {
	t.Helper()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return map[string]string{owner.LabelManaged: "true", owner.LabelPID: strconv.Itoa(cmd.Process.Pid), owner.LabelPIDStart: "1"}
}

// keptVolume makes a PV that outlived the jsbench claim it was bound to,
// as a provisioned volume with reclaim policy Retain does; it is removed
// after the test.
func keptVolume(t *testing.T, c *kube.Cluster, run string) string {
	t.Helper()
	name := run + "-kept"
	pv := hostPV(metav1.ObjectMeta{Name: name}, &corev1.ObjectReference{Kind: "PersistentVolumeClaim",
		Namespace: c.Namespace, Name: run + "-gone", UID: "00000000-0000-0000-0000-000000000000"})
	if _, err := c.Client.CoreV1().PersistentVolumes().Create(context.Background(), pv, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c.Client.CoreV1().PersistentVolumes().Delete(context.Background(), name, metav1.DeleteOptions{})
	})
	waitFor(t, "the volume controller to release "+name, func() bool {
		got, err := c.Client.CoreV1().PersistentVolumes().Get(context.Background(), name, metav1.GetOptions{})
		return err == nil && got.Status.Phase == corev1.VolumeReleased
	})
	return name
}

func hostPV(meta metav1.ObjectMeta, claim *corev1.ObjectReference) *corev1.PersistentVolume {
	return &corev1.PersistentVolume{ObjectMeta: meta, Spec: corev1.PersistentVolumeSpec{
		Capacity:                      corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
		AccessModes:                   []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
		PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimRetain,
		PersistentVolumeSource:        corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/nonexistent/jsbench-test"}},
		ClaimRef:                      claim,
	}}
}

func mustCreate(t *testing.T, create func() error) {
	t.Helper()
	if err := create(); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
