package kube_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
)

// TestStartOnHostPathVolume starts the simulated controller as a pod on
// a hostPath volume of this machine, as the local and emulated volume
// kinds do, and checks the whole way: the log through the API server,
// /login through the API server's pod proxy, the cluster's steps in
// order, the full log's reconciliation, and that Stop leaves nothing.
func TestStartOnHostPathVolume(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	inst := start(t, rt, c, simLaunch(t, k))
	lines := untilUp(t, inst)
	for _, l := range lines {
		if l.Received.Before(inst.StartedAt()) {
			t.Errorf("line %q received at %s, before the start at %s: the node's log times are not on jsbench's clock",
				l.Text, l.Received, inst.StartedAt())
		}
	}
	url, err := inst.LoginURL(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	waitLogin(t, url)
	full, err := inst.FullLog(context.Background())
	if err != nil || len(full) < len(lines) {
		t.Fatalf("full log: %d lines, %v; streamed %d", len(full), err, len(lines))
	}
	rep := inst.(contract.Platform).Report(context.Background())
	if rep.Failure != "" {
		t.Errorf("a start that came up reports a failure: %q", rep.Failure)
	}
	var names []string
	for _, p := range rep.Phases {
		names = append(names, p.Name)
	}
	if want := []string{"pvc_bind", "schedule", "attach_wait", "attach", "pod_setup", "init_restore", "image", "container_start"}; !slices.Equal(names, want) {
		t.Errorf("phases %v, want %v", names, want)
	}
	for _, p := range rep.Phases {
		if p.DurationMS < 0 {
			t.Errorf("phase %s lasts %.1f ms", p.Name, p.DurationMS)
		}
		if (p.Name == "attach_wait" || p.Name == "attach" || p.Name == "init_restore") != p.Skipped {
			t.Errorf("phase %s skipped = %v: a hostPath volume has no attach, and no restore was asked", p.Name, p.Skipped)
		}
	}
	if rep.ContainerStarted.Before(inst.StartedAt()) || rep.Kubernetes.Node == "" || rep.Kubernetes.ClockOffsetMS != 0 {
		t.Errorf("report: container started %s (start %s), node %q, offset %v", rep.ContainerStarted, inst.StartedAt(), rep.Kubernetes.Node, rep.Kubernetes.ClockOffsetMS)
	}
}

// TestFailover deletes the pod of a controller that is up, gracefully
// and with grace 0, and checks that the replacement comes up on the same
// claim with the loss timed before it.
func TestFailover(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	zero := time.Duration(0)
	for _, fo := range []subject.Failover{{Action: subject.FailoverDelete, Label: "delete"},
		{Action: subject.FailoverDelete, Grace: &zero, Label: "delete-grace0s"}} {
		t.Run(fo.Label, func(t *testing.T) {
			t.Parallel()
			inst := start(t, rt, c, simLaunch(t, k))
			untilUp(t, inst)
			next, err := inst.(contract.Failing).Fail(context.Background(), fo)
			if err != nil {
				t.Fatal(err)
			}
			lines := untilUp(t, next)
			if next.StartedAt().Before(inst.StartedAt()) || lines[0].Received.Before(next.StartedAt()) {
				t.Errorf("the replacement's clock starts at %s, its first line at %s", next.StartedAt(), lines[0].Received)
			}
			rep := next.(contract.Platform).Report(context.Background())
			if rep.Failure != "" {
				t.Errorf("failure %q", rep.Failure)
			}
			if rep.Phases[0].Name != "terminating" || rep.Phases[0].Skipped {
				t.Errorf("first phase %+v, want terminating, measured", rep.Phases[0])
			}
		})
	}
}

// TestDrainNeedsAnotherNode refuses a drain when no other node could
// take the controller: on a cluster of several nodes the others are
// cordoned for the test (and uncordoned after it), so the pod's node is
// the only schedulable one.
func TestDrainNeedsAnotherNode(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	inst := start(t, rt, c, simLaunch(t, k))
	untilUp(t, inst)
	node := inst.(contract.Platform).Report(context.Background()).Kubernetes.Node
	nodes, err := c.Client.CoreV1().Nodes().List(context.Background(), metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes.Items {
		if n.Name != node && !n.Spec.Unschedulable {
			setUnschedulable(t, c, n.Name, true)
			t.Cleanup(func() { setUnschedulable(t, c, n.Name, false) })
		}
	}
	_, err = inst.(contract.Failing).Fail(context.Background(), subject.Failover{Action: subject.FailoverDrain, Label: "drain"})
	if !errors.Is(err, kube.ErrNoOtherNode) {
		t.Fatalf("drain with no other schedulable node: %v, want ErrNoOtherNode", err)
	}
	n, err := c.Client.CoreV1().Nodes().Get(context.Background(), node, metav1.GetOptions{})
	if err != nil || n.Spec.Unschedulable {
		t.Errorf("node %s was cordoned by a refused drain (%v)", node, err)
	}
}

// setUnschedulable cordons or uncordons a node.
func setUnschedulable(t *testing.T, c *kube.Cluster, node string, cordon bool) {
	t.Helper()
	patch := fmt.Sprintf(`{"spec":{"unschedulable":%t}}`, cordon)
	if _, err := c.Client.CoreV1().Nodes().Patch(context.Background(), node, types.StrategicMergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
		t.Errorf("cordon %s = %t: %v", node, cordon, err)
	}
}

// waitLogin polls url until it answers 200.
func waitLogin(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer 200 within a minute (last: %v)", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
