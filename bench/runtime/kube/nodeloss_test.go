package kube_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/storage/homemount"
	"github.com/jsbench/jsbench/internal/testenv"
)

// twoNodes requires a cluster of at least two Ready nodes, as
// scripts/cluster.sh up --nodes 2 makes (CI brings it up).
func twoNodes(t *testing.T, c *kube.Cluster) {
	t.Helper()
	nodes, err := c.Client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ready := 0
	for _, n := range nodes.Items {
		for _, cond := range n.Status.Conditions {
			if cond.Type == corev1.NodeReady && cond.Status == corev1.ConditionTrue && !n.Spec.Unschedulable {
				ready++
			}
		}
	}
	testenv.Require(t, ready >= 2, fmt.Sprintf("a cluster of two Ready nodes (scripts/cluster.sh up --nodes 2; %d Ready)", ready))
}

// TestLocalVolumeCannotFollowADrain drains the node of a controller whose
// home is local disk bound to that node: the scheduler finds the volume
// unusable anywhere else, and the replacement is recorded as not
// recovering at once, not after the pending timeout.
func TestLocalVolumeCannotFollowADrain(t *testing.T) {
	c, k := cluster(t)
	twoNodes(t, c)
	rt := kube.New(restoreImage(t))
	inst := start(t, rt, c, simLaunch(t, k))
	untilUp(t, inst)
	began := time.Now()
	next, err := inst.(contract.Failing).Fail(context.Background(), subject.Failover{Action: subject.FailoverDrain, Label: "drain"})
	if err != nil {
		t.Fatal(err)
	}
	rep := failure(t, next)
	if took := time.Since(began); took >= testPendingTimeout {
		t.Errorf("not-recovered known after %s, beyond the pending timeout %s", took, testPendingTimeout)
	}
	if !strings.HasPrefix(rep.Failure, "does not recover") || !strings.Contains(rep.Failure, "node affinity") {
		t.Errorf("failure %q, want the scheduler's node affinity conflict", rep.Failure)
	}
	if rep.Failover == nil || rep.Failover.Outcome != results.OutcomeNotRecovered {
		t.Errorf("failover facts %+v, want outcome %s", rep.Failover, results.OutcomeNotRecovered)
	}
}

// TestNodeLoss powers off the node of a controller whose home is a
// ReadWriteMany claim (nfs-client, mountable on every node) and recovers
// by each path, one node loss per path: the replacement comes up on the
// other node, with the loss's milestones in order; left to Kubernetes'
// defaults it does not come back within the bound. The node is powered on
// again when the run stops. Kubernetes' timers are the cluster's own
// (scripts/cluster.sh: upstream unless --timers fast), so each loss takes
// the node-monitor grace period before anything happens.
func TestNodeLoss(t *testing.T) {
	c, k := cluster(t)
	twoNodes(t, c)
	rt := kube.New(restoreImage(t))
	script := filepath.Join(testenv.ModuleRoot(t), "scripts", "cluster.sh")
	for _, path := range []string{subject.RecoveryForceDelete, subject.RecoveryOutOfService, subject.RecoveryDeleteNode, subject.RecoveryNone} {
		t.Run(path, func(t *testing.T) {
			fo := powerLoss(subject.FailoverNodeLoss, path, script)
			pending := 2 * time.Minute
			if path == subject.RecoveryNone {
				// Long enough to see the node NotReady (the upstream grace
				// period is 50 s), short of the 300 s eviction.
				pending = 80 * time.Second
			}
			inst, from := startOnSharedClaim(t, rt, c, k, pending)
			next, err := inst.(contract.Failing).Fail(context.Background(), fo)
			if err != nil {
				t.Fatal(err)
			}
			if path == subject.RecoveryNone {
				rep := failure(t, next)
				if !strings.HasPrefix(rep.Failure, "did not recover") || rep.Failover.Outcome != results.OutcomeNotRecovered {
					t.Errorf("failure %q, outcome %q; want did not recover", rep.Failure, rep.Failover.Outcome)
				}
				assertSteps(t, rep, "power_off", "node_not_ready")
				return
			}
			untilUp(t, next)
			rep := next.(contract.Platform).Report(context.Background())
			if rep.Failure != "" {
				t.Errorf("failure %q", rep.Failure)
			}
			if rep.Kubernetes.Node == from || rep.Failover.FromNode != from || rep.Failover.LostNodes[0] != from {
				t.Errorf("replacement on %s, lost %v from %s; want another node than %s", rep.Kubernetes.Node, rep.Failover.LostNodes, rep.Failover.FromNode, from)
			}
			assertSteps(t, rep, "power_off", "node_not_ready", "recovery_action", "pod_gone", "pod_scheduled", "container_started")
			if rep.Phases[0].Name != "node_detect" || rep.Phases[0].Skipped || rep.Phases[1].Name != "recovery_wait" {
				t.Errorf("first phases %+v, want node_detect then recovery_wait, measured", rep.Phases[:2])
			}
			if rep.Failover.Timers["node-monitor-grace-period"] == "" {
				t.Errorf("timers %v: the cluster's node-monitor grace period missing", rep.Failover.Timers)
			}
		})
	}
}

// startOnSharedClaim starts the simulated controller on a ReadWriteMany
// claim (nfs-client, mountable on every node), waits until it is up and
// says its node; a replacement may wait pending for its pod.
func startOnSharedClaim(t *testing.T, rt *kube.Runtime, c *kube.Cluster, k subject.Kubernetes, pending time.Duration) (contract.Instance, string) {
	t.Helper()
	k.PendingTimeout = pending
	l := simLaunch(t, k)
	l.HomeDir = ""
	l.Claim = &homemount.Claim{StorageClass: "nfs-client", Size: "1Gi", AccessMode: string(corev1.ReadWriteMany)}
	inst := start(t, rt, c, l)
	untilUp(t, inst)
	return inst, inst.(contract.Platform).Report(context.Background()).Kubernetes.Node
}

// powerLoss is a node or zone loss that powers nodes off and on with the
// local cluster's script and acts 1 s after NotReady.
func powerLoss(action, recovery, script string) subject.Failover {
	fo := subject.Failover{Action: action, Recovery: recovery, After: time.Second,
		PowerOff: script + ` node-off "$NODE"`, PowerOn: script + ` node-on "$NODE"`}
	fo.Label = fo.MakeLabel()
	return fo
}

// assertSteps checks that the report has the milestones, in that order.
func assertSteps(t *testing.T, rep contract.PlatformReport, names ...string) {
	t.Helper()
	at := map[string]float64{}
	for _, s := range rep.Kubernetes.Steps {
		if _, ok := at[s.Name]; !ok {
			at[s.Name] = s.OffsetMS
		}
	}
	last := -1.0
	for _, n := range names {
		v, ok := at[n]
		if !ok || v < last {
			t.Errorf("milestone %s at %v ms (seen %v), want it after the one before (%v ms); steps %+v", n, v, ok, last, rep.Kubernetes.Steps)
			return
		}
		last = v
	}
}

// TestZoneLoss loses the zone of a controller whose home is a
// ReadWriteMany claim: with every node in that zone the loss is refused
// before anything is powered off; with the other nodes labelled into
// another zone (for the test, their labels restored after it) only the
// pod's zone is powered off and the replacement comes up elsewhere.
func TestZoneLoss(t *testing.T) {
	c, k := cluster(t)
	twoNodes(t, c)
	rt := kube.New(restoreImage(t))
	script := filepath.Join(testenv.ModuleRoot(t), "scripts", "cluster.sh")
	inst, from := startOnSharedClaim(t, rt, c, k, 2*time.Minute)
	nodes, err := c.Client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zone := ""
	for _, n := range nodes.Items {
		if n.Name == from {
			zone = n.Labels[corev1.LabelTopologyZone]
		}
	}
	if zone == "" {
		t.Fatalf("node %s has no %s label: scripts/cluster.sh labels every node", from, corev1.LabelTopologyZone)
	}

	marker := filepath.Join(t.TempDir(), "powered-off")
	for _, n := range nodes.Items {
		if n.Name != from {
			setZone(t, c, n.Name, zone)
		}
	}
	refused := subject.Failover{Action: subject.FailoverZoneLoss, Recovery: subject.RecoveryForceDelete, After: time.Second,
		PowerOff: `touch "` + marker + `"`, PowerOn: "true"}
	refused.Label = refused.MakeLabel()
	if _, err := inst.(contract.Failing).Fail(context.Background(), refused); !errors.Is(err, kube.ErrNoOtherNode) {
		t.Fatalf("zone-loss with every node in zone %s: %v, want ErrNoOtherNode", zone, err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatalf("a refused zone loss ran its power-off command")
	}

	for _, n := range nodes.Items {
		if n.Name != from {
			setZone(t, c, n.Name, zone+"-other")
		}
	}
	fo := powerLoss(subject.FailoverZoneLoss, subject.RecoveryForceDelete, script)
	next, err := inst.(contract.Failing).Fail(context.Background(), fo)
	if err != nil {
		t.Fatal(err)
	}
	untilUp(t, next)
	rep := next.(contract.Platform).Report(context.Background())
	if rep.Failure != "" {
		t.Errorf("failure %q", rep.Failure)
	}
	if rep.Failover.Zone != zone || !slices.Equal(rep.Failover.LostNodes, []string{from}) || rep.Kubernetes.Node == from {
		t.Errorf("lost %v of zone %q, replacement on %s; want [%s] of zone %q lost and the replacement elsewhere",
			rep.Failover.LostNodes, rep.Failover.Zone, rep.Kubernetes.Node, from, zone)
	}
	assertSteps(t, rep, "power_off", "node_not_ready", "recovery_action", "pod_gone", "pod_scheduled", "container_started")
}

// setZone labels a node into zone for the test, its label restored after.
func setZone(t *testing.T, c *kube.Cluster, node, zone string) {
	t.Helper()
	nodes := c.Client.CoreV1().Nodes()
	n, err := nodes.Get(context.Background(), node, metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	was := n.Labels[corev1.LabelTopologyZone]
	label := func(z string) error {
		patch := fmt.Sprintf(`{"metadata":{"labels":{%q:%q}}}`, corev1.LabelTopologyZone, z)
		_, err := nodes.Patch(context.Background(), node, types.StrategicMergePatchType, []byte(patch), metav1.PatchOptions{})
		return err
	}
	if err := label(zone); err != nil {
		t.Fatalf("label node %s into zone %s: %v", node, zone, err)
	}
	t.Cleanup(func() {
		if err := label(was); err != nil {
			t.Errorf("restore zone %s of node %s: %v", was, node, err)
		}
	})
}
