package kube

import (
	"testing"

	"github.com/jsbench/jsbench/bench/storage/homemount"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// TestPlanOfAMoveBySnapshot builds the objects of a move from gp2 to
// gp3: the old class's claim, the pod that puts the home on it with the
// restore image, the snapshot of that claim, and the run's claim
// restored from the snapshot.
func TestPlanOfAMoveBySnapshot(t *testing.T) {
	l := testLaunch()
	l.Claim = &homemount.Claim{StorageClass: "gp3", Size: "20Gi", AccessMode: "ReadWriteOnce",
		SnapshotOf: &homemount.SnapshotSource{StorageClass: "gp2", Size: "8Gi", SnapshotClass: "csi-aws-vsc",
			Home: "s3://backups/home.tar.zst", UID: 1000, GID: 1000}}
	p, err := buildPlan(l, planInput{name: "jsb-move-000001", namespace: "jsbench", restoreImage: "registry/restore:1",
		getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	m := p.move
	if m == nil || m.source.Name != "jsb-move-000001-source" || *m.source.Spec.StorageClassName != "gp2" ||
		m.source.Spec.Resources.Requests.Storage().String() != "8Gi" {
		t.Fatalf("old claim %+v", m)
	}
	pod := m.populate.Spec
	if pod.RestartPolicy != corev1.RestartPolicyNever || pod.Containers[0].Image != "registry/restore:1" ||
		pod.Containers[0].Args[len(pod.Containers[0].Args)-2] != "s3://backups/home.tar.zst" ||
		pod.Volumes[0].PersistentVolumeClaim.ClaimName != m.source.Name {
		t.Errorf("populating pod %+v", pod)
	}
	src, _, _ := unstructured.NestedString(m.snapshot.Object, "spec", "source", "persistentVolumeClaimName")
	class, _, _ := unstructured.NestedString(m.snapshot.Object, "spec", "volumeSnapshotClassName")
	if m.snapshot.GetName() != p.name || src != m.source.Name || class != "csi-aws-vsc" || m.snapshot.GetLabels()[LabelRun] != p.name {
		t.Errorf("snapshot %v", m.snapshot.Object)
	}
	if ds := p.claim.Spec.DataSource; ds == nil || ds.Kind != "VolumeSnapshot" || ds.Name != p.name || *p.claim.Spec.StorageClassName != "gp3" {
		t.Errorf("the run's claim %+v: want gp3, restored from the run's snapshot", p.claim.Spec)
	}
}
