package kube_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

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
			fo := subject.Failover{Action: subject.FailoverNodeLoss, Recovery: path, After: time.Second,
				PowerOff: script + ` node-off "$NODE"`, PowerOn: script + ` node-on "$NODE"`}
			fo.Label = fo.MakeLabel()
			kk := k
			kk.PendingTimeout = 2 * time.Minute
			if path == subject.RecoveryNone {
				// Long enough to see the node NotReady (the upstream grace
				// period is 50 s), short of the 300 s eviction.
				kk.PendingTimeout = 80 * time.Second
			}
			l := simLaunch(t, kk)
			l.HomeDir = ""
			l.Claim = &homemount.Claim{StorageClass: "nfs-client", Size: "1Gi", AccessMode: string(corev1.ReadWriteMany)}
			inst := start(t, rt, c, l)
			untilUp(t, inst)
			from := inst.(contract.Platform).Report(context.Background()).Kubernetes.Node
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
