package kube_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/internal/testenv"
)

// The tests below run against the local cluster's StorageClasses
// (scripts/cluster/storage.sh): real external-provisioner,
// external-attacher, attach/detach controller and snapshot controllers
// over jsbench's stand-in CSI driver.

// classLaunch starts the simulated controller on a fresh claim of class.
func classLaunch(t *testing.T, k subject.Kubernetes, class, mode string) subject.Launch {
	t.Helper()
	l := simLaunch(t, k)
	l.HomeDir = ""
	l.Claim = &homemount.Claim{StorageClass: class, Size: "1Gi", AccessMode: mode}
	return l
}

// requireClass needs the StorageClass on the cluster.
func requireClass(t *testing.T, c *kube.Cluster, class string) {
	t.Helper()
	_, err := c.Client.StorageV1().StorageClasses().Get(context.Background(), class, metav1.GetOptions{})
	testenv.Require(t, err == nil, fmt.Sprintf("StorageClass %s of scripts/cluster/storage.sh (%v)", class, err))
}

// phaseOf finds a phase of a report by name.
func phaseOf(t *testing.T, phases []results.Phase, name string) results.Phase {
	t.Helper()
	for _, p := range phases {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no phase %s in %+v", name, phases)
	return results.Phase{}
}

// TestClassClaims starts the controller on a claim of an EBS-like class
// (provisioned once the pod is scheduled, then attached) and of an
// EFS-like one (provisioned at once, nothing to attach), and checks
// that the provisioning and the attachment are phases of their own,
// with the provisioner's events.
func TestClassClaims(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	for _, tc := range []struct {
		class, mode string
		attached    bool
	}{
		{"gp3", "ReadWriteOnce", true},
		{"efs-sc", "ReadWriteMany", false},
	} {
		t.Run(tc.class, func(t *testing.T) {
			t.Parallel()
			requireClass(t, c, tc.class)
			inst := start(t, rt, c, classLaunch(t, k, tc.class, tc.mode))
			untilUp(t, inst)
			rep := inst.(contract.Platform).Report(context.Background())
			if rep.Failure != "" || rep.Kubernetes.StorageClass != tc.class || rep.Kubernetes.PV == "" {
				t.Fatalf("failure %q, class %q, volume %q", rep.Failure, rep.Kubernetes.StorageClass, rep.Kubernetes.PV)
			}
			if p := phaseOf(t, rep.Phases, "pvc_bind"); p.Skipped || p.DurationMS <= 0 {
				t.Errorf("provisioning %+v, want measured", p)
			}
			for _, name := range []string{"attach_wait", "attach"} {
				if p := phaseOf(t, rep.Phases, name); p.Skipped == tc.attached {
					t.Errorf("%s %+v: skipped %v, want %v", name, p, p.Skipped, !tc.attached)
				}
			}
			if !containsText(rep.Kubernetes.Events, "ProvisioningSucceeded") {
				t.Errorf("no ProvisioningSucceeded among the events:\n%s", strings.Join(rep.Kubernetes.Events, "\n"))
			}
		})
	}
}

// TestSnapshotMove moves a home from gp2 to gp3 as a platform team does:
// the home put on a gp2 claim, a VolumeSnapshot of it, a gp3 claim
// restored from the snapshot, the controller started on it; the
// snapshot is a phase of its own, before the claim's provisioning.
func TestSnapshotMove(t *testing.T) {
	c, k := cluster(t)
	requireClass(t, c, "gp2")
	requireClass(t, c, "gp3")
	rt := kube.New(restoreImage(t))
	l := classLaunch(t, k, "gp3", "ReadWriteOnce")
	l.Claim.SnapshotOf = &homemount.SnapshotSource{StorageClass: "gp2", Size: "1Gi", SnapshotClass: "csi-aws-vsc",
		Home: backup(t), UID: subject.JenkinsUID, GID: subject.JenkinsGID}
	inst := start(t, rt, c, l)
	untilUp(t, inst)
	rep := inst.(contract.Platform).Report(context.Background())
	if rep.Failure != "" {
		t.Fatalf("failure %q", rep.Failure)
	}
	if rep.Phases[0].Name != "snapshot" || rep.Phases[0].Skipped || rep.Phases[0].DurationMS <= 0 {
		t.Errorf("first phase %+v, want the snapshot, measured", rep.Phases[0])
	}
	for _, name := range []string{"pvc_bind", "attach"} {
		if p := phaseOf(t, rep.Phases, name); p.Skipped {
			t.Errorf("%s skipped: %+v", name, rep.Phases)
		}
	}
}

// TestVolumeFailures makes the storage fail a start in each way a class
// can be made to on demand — no capacity left, an attachment that takes
// longer than the attacher waits — and checks that each failure says
// so, in the cluster's words.
func TestVolumeFailures(t *testing.T) {
	c, k := cluster(t)
	requireClass(t, c, "gp3")
	rt := kube.New(restoreImage(t))
	for _, tc := range []struct {
		name   string
		params string
		want   []string
	}{
		{"no capacity", `pool: test-full, poolCapacity: 1Mi`, []string{"Pending", "no capacity", "ResourceExhausted"}},
		{"attach timing out", `attachTime: 1h`, []string{"FailedAttachVolume"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			class := testClass(t, tc.params)
			rep := failure(t, start(t, rt, c, classLaunch(t, k, class, "ReadWriteOnce")))
			for _, w := range tc.want {
				if !strings.Contains(rep.Failure, w) {
					t.Errorf("failure %q does not say %q", rep.Failure, w)
				}
			}
		})
	}
}

// testClass creates a class of the EBS-like driver with extra
// parameters, removed after the test.
func testClass(t *testing.T, params string) string {
	t.Helper()
	name := fmt.Sprintf("jsbench-test-%d", time.Now().UnixNano())
	manifest := fmt.Sprintf(`{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":%q},
"provisioner":"block.csi.jsbench.local","volumeBindingMode":"WaitForFirstConsumer",
"parameters":{"profile":"ebs-gp3",%s}}`, name, jsonPairs(params))
	if out, err := adminStdin(t, manifest, "apply", "-f", "-"); err != nil {
		t.Fatalf("create StorageClass %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() { admin(t, "delete", "storageclass", name, "--wait=false") })
	return name
}

// jsonPairs turns "a: x, b: y" into `"a":"x","b":"y"`.
func jsonPairs(s string) string {
	var out []string
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, ":")
		out = append(out, fmt.Sprintf("%q:%q", strings.TrimSpace(k), strings.TrimSpace(v)))
	}
	return strings.Join(out, ",")
}

// TestMultiAttach drains the node of a controller whose ReadWriteOnce
// gp3 volume another pod on that node still uses: the replacement on
// the second node cannot have the volume attached there, and the start
// fails with the attach/detach controller's Multi-Attach error.
func TestMultiAttach(t *testing.T) {
	c, k := cluster(t)
	requireClass(t, c, "gp3")
	nodes, err := c.Client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	testenv.Require(t, err == nil && len(nodes.Items) >= 2, "a cluster of two nodes (scripts/cluster.sh up --nodes 2)")
	rt := kube.New(restoreImage(t))
	inst := start(t, rt, c, classLaunch(t, k, "gp3", "ReadWriteOnce"))
	untilUp(t, inst)
	node := inst.(contract.Platform).Report(context.Background()).Kubernetes.Node
	holdVolume(t, c, inst.(*kube.Instance).Run(), node)
	next, err := inst.(contract.Failing).Fail(context.Background(), subject.Failover{Action: subject.FailoverDrain, Label: "drain"})
	if err != nil {
		t.Fatal(err)
	}
	rep := failure(t, next)
	if !strings.Contains(rep.Failure, "FailedAttachVolume") || !strings.Contains(rep.Failure, "Multi-Attach") {
		t.Errorf("failure %q, want the attach/detach controller's Multi-Attach error", rep.Failure)
	}
}

// holdVolume runs a second pod on node using claim, as a backup job
// beside Jenkins would, until the test ends.
func holdVolume(t *testing.T, c *kube.Cluster, claim, node string) {
	t.Helper()
	name := claim + "-holder"
	manifest := fmt.Sprintf(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":%q,"namespace":%q},
"spec":{"nodeName":%q,"terminationGracePeriodSeconds":0,"containers":[{"name":"hold","image":%q,"imagePullPolicy":"Never",
"volumeMounts":[{"name":"home","mountPath":"/home"}]}],
"volumes":[{"name":"home","persistentVolumeClaim":{"claimName":%q}}]}}`, name, c.Namespace, node, subject.KubePauseImage, claim)
	if out, err := adminStdin(t, manifest, "apply", "-f", "-"); err != nil {
		t.Fatalf("create pod %s: %v\n%s", name, err, out)
	}
	t.Cleanup(func() { admin(t, "-n", c.Namespace, "delete", "pod", name, "--grace-period=0", "--force") })
	if out, err := admin(t, "-n", c.Namespace, "wait", "--for=condition=Ready", "--timeout=2m", "pod/"+name); err != nil {
		t.Fatalf("pod %s not running: %v\n%s", name, err, out)
	}
}

func containsText(texts []string, want string) bool {
	for _, s := range texts {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}
