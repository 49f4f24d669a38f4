package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/internal/testenv"
)

// kubeScenario runs the simulated controller as a pod on a hostPath
// volume and on the FUSE emulation behind one, with a failover, long
// enough that a signal always lands in the middle.
const kubeScenario = `version: 1
name: kube-interrupt
subject: {kind: sim, runtime: kubernetes}
home: {kind: generated, jobs: 10, builds_per_job: 2, plugins: 2}
volumes:
  - {name: nfs, kind: emulated, profile: nfs-lan}
  - {name: local, kind: local}
failover: [{action: delete}]
runs: 10
timeout: 3m
cache: warm
kubernetes: {kubeconfig: %q, pending_timeout: 1m}
`

const kubeQuickScenario = `version: 1
name: kube-quick
subject: {kind: sim, runtime: kubernetes}
volumes: [{name: local, kind: local}]
runs: 1
timeout: 3m
cache: warm
kubernetes: {kubeconfig: %q}
`

// TestKubernetesRunLeavesNothingBehind interrupts a `jsbench run` on the
// cluster while its pod runs, and checks that it exits 130 having deleted
// every pod, claim, volume and Secret, and every mount and directory;
// then it SIGKILLs another in the same place and checks that the next
// start sweeps what the killed one left, in the cluster and on the host.
func TestKubernetesRunLeavesNothingBehind(t *testing.T) {
	jsbench := requireRunHost(t)
	kubeconfig := testenv.Kubeconfig(t)
	c, err := kube.Connect(context.Background(), subject.Kubernetes{Kubeconfig: kubeconfig})
	testenv.Require(t, err == nil, fmt.Sprintf("a Kubernetes API server (%v)", err))
	dir := t.TempDir()
	scenarioFile := writeScenario(t, dir, "kube.yaml", fmt.Sprintf(kubeScenario, kubeconfig))

	t.Run("interrupt", func(t *testing.T) {
		work := t.TempDir()
		cmd, log := startRun(t, jsbench, t.TempDir(), work, scenarioFile)
		waitFor(t, cmd, func() bool { return len(objectsOf(t, c, cmd.Process.Pid)) >= 3 && len(fuseMountsBelow(t, work)) > 0 }, log)
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		if code := exitCodeWithin(t, cmd, 2*time.Minute); code != exitInterrupted {
			t.Errorf("exit code %d, want %d\n%s", code, exitInterrupted, log.String())
		}
		if left := objectsOf(t, c, cmd.Process.Pid); len(left) > 0 {
			t.Errorf("left in the cluster after Ctrl-C: %v", left)
		}
		assertNothingLeft(t, cmd.Process.Pid, work)
	})

	t.Run("kill", func(t *testing.T) {
		work := t.TempDir()
		killed, log := startRun(t, jsbench, t.TempDir(), work, scenarioFile)
		waitFor(t, killed, func() bool {
			return len(objectsOf(t, c, killed.Process.Pid)) >= 3 && len(fuseMountsBelow(t, work)) > 0
		}, log)
		killed.Process.Kill()
		killed.Wait()
		if len(objectsOf(t, c, killed.Process.Pid)) == 0 {
			t.Fatal("the killed run left nothing in the cluster: the test proves nothing")
		}
		next := exec.Command(jsbench, "run", "--out", t.TempDir(), "--work-dir", work,
			writeScenario(t, dir, "quick.yaml", fmt.Sprintf(kubeQuickScenario, kubeconfig)))
		out, err := next.CombinedOutput()
		if err != nil {
			t.Fatalf("next run: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "statefulset "+c.Namespace+"/jsb-") || !strings.Contains(string(out), "left behind by an earlier jsbench") {
			t.Errorf("the next run did not say it swept the killed run's StatefulSet:\n%s", out)
		}
		deadline := time.Now().Add(time.Minute)
		for len(objectsOf(t, c, killed.Process.Pid)) > 0 && time.Now().Before(deadline) {
			time.Sleep(500 * time.Millisecond)
		}
		if left := objectsOf(t, c, killed.Process.Pid); len(left) > 0 {
			t.Errorf("the killed run's objects survived the next start: %v", left)
		}
		if m := fuseMountsBelow(t, work); len(m) > 0 {
			t.Errorf("stale mounts survived the next start: %v", m)
		}
	})
}

// objectsOf lists what the jsbench process pid has in the cluster.
func objectsOf(t *testing.T, c *kube.Cluster, pid int) []string {
	t.Helper()
	ctx := context.Background()
	sel := metav1.ListOptions{LabelSelector: "jsbench.pid=" + strconv.Itoa(pid)}
	var out []string
	add := func(kind string, names []string, err error) {
		if err != nil {
			t.Fatalf("list %s: %v", kind, err)
		}
		for _, n := range names {
			out = append(out, kind+" "+n)
		}
	}
	sts, err := c.Client.AppsV1().StatefulSets(c.Namespace).List(ctx, sel)
	add("statefulset", namesOf(sts.Items, func(i int) string { return sts.Items[i].Name }), err)
	pods, err := c.Client.CoreV1().Pods(c.Namespace).List(ctx, sel)
	add("pod", namesOf(pods.Items, func(i int) string { return pods.Items[i].Name }), err)
	claims, err := c.Client.CoreV1().PersistentVolumeClaims(c.Namespace).List(ctx, sel)
	add("claim", namesOf(claims.Items, func(i int) string { return claims.Items[i].Name }), err)
	pvs, err := c.Client.CoreV1().PersistentVolumes().List(ctx, sel)
	add("volume", namesOf(pvs.Items, func(i int) string { return pvs.Items[i].Name }), err)
	secrets, err := c.Client.CoreV1().Secrets(c.Namespace).List(ctx, sel)
	add("secret", namesOf(secrets.Items, func(i int) string { return secrets.Items[i].Name }), err)
	return out
}

func namesOf[T any](items []T, name func(int) string) []string {
	out := make([]string, len(items))
	for i := range items {
		out[i] = name(i)
	}
	return out
}

const kubeFailoverScenario = `version: 1
name: kube-failover
subject: {kind: sim, runtime: kubernetes}
volumes: [{name: local, kind: local}]
failover: [{action: delete, grace: 0s}]
runs: 1
timeout: 3m
cache: warm
kubernetes: {kubeconfig: %q}
`

// TestKubernetesFailoverRecordsItsHost runs a cold start and a pod
// deletion on the cluster and checks that both records say what the host
// was doing: the reference workload before and after, and the host's
// figures while the controller (or its replacement) started.
func TestKubernetesFailoverRecordsItsHost(t *testing.T) {
	jsbench := requireRunHost(t)
	kubeconfig := testenv.Kubeconfig(t)
	out := t.TempDir()
	file := writeScenario(t, t.TempDir(), "failover.yaml", fmt.Sprintf(kubeFailoverScenario, kubeconfig))
	if log, err := exec.Command(jsbench, "run", "--out", out, "--work-dir", t.TempDir(), file).CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, log)
	}
	recs, _, err := results.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records, want the cold start and the failover", len(recs))
	}
	for _, r := range recs {
		h := r.Host
		if r.Status != results.StatusOK || h == nil || h.ReferenceBefore == nil || h.ReferenceAfter == nil || h.During == nil {
			t.Errorf("%s: status %s, host %+v: want it measured before, during and after", r.Scenario, r.Status, h)
		}
	}
}
