package kube_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.RemoveBuilds()
	os.Exit(code)
}

// testPendingTimeout fails a stuck start quickly: the failures tested
// are all stuck at once.
const testPendingTimeout = 45 * time.Second

// upTimeout bounds a start on the busy test machine.
const upTimeout = 3 * time.Minute

var rbacOnce sync.Once

// cluster connects as the service account bound to deploy/rbac.yaml,
// after applying the manifest as it is in the repository: the tests then
// prove that it grants enough.
func cluster(t *testing.T) (*kube.Cluster, subject.Kubernetes) {
	t.Helper()
	kc := testenv.Kubeconfig(t)
	rbacOnce.Do(func() { applyRBAC(t) })
	k := subject.Kubernetes{Kubeconfig: kc, PendingTimeout: testPendingTimeout}
	c, err := kube.Connect(context.Background(), k)
	testenv.Require(t, err == nil, fmt.Sprintf("a Kubernetes API server (%v)", err))
	return c, k
}

// applyRBAC applies deploy/rbac.yaml to the local cluster, when this is
// the local cluster (its admin kubeconfig exists).
func applyRBAC(t *testing.T) {
	if os.Getenv(testenv.KubeconfigEnv) != "" {
		return
	}
	out, err := admin(t, "apply", "-f", filepath.Join(testenv.ModuleRoot(t), "deploy", "rbac.yaml"))
	if err != nil {
		t.Fatalf("apply deploy/rbac.yaml: %v\n%s", err, out)
	}
}

// admin runs kubectl as the local cluster's administrator, for fixtures
// jsbench may not make itself.
func admin(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return adminStdin(t, "", args...)
}

// simImage is the local cluster's image of the simulated controller
// built from this tree (scripts/cluster.sh up imports it).
func simImage(t *testing.T) string {
	t.Helper()
	tag, err := subject.BinaryTag(testenv.Build(t, "./cmd/jenkins-sim"))
	if err != nil {
		t.Fatal(err)
	}
	return subject.KubeSimRepository + ":" + tag
}

func restoreImage(t *testing.T) string {
	t.Helper()
	tag, err := subject.BinaryTag(testenv.Build(t, "./cmd/jsbench-restore"))
	if err != nil {
		t.Fatal(err)
	}
	return subject.KubeRestoreRepository + ":" + tag
}

// homeDir is a fresh directory for JENKINS_HOME, given to the
// controller's uid, removed after the test (after its pod, which the
// test's cleanups stop first).
func homeDir(t *testing.T) string {
	t.Helper()
	return homeDirIn(t, "")
}

// homeDirIn is homeDir below parent ("" for the temporary directory).
func homeDirIn(t *testing.T, parent string) string {
	t.Helper()
	testenv.RequireRoot(t)
	dir, err := os.MkdirTemp(parent, "jsbench-kube-home-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chown(dir, subject.JenkinsUID, subject.JenkinsGID); err != nil {
		t.Fatal(err)
	}
	return dir
}

// simLaunch starts the simulated controller on a host directory.
func simLaunch(t *testing.T, k subject.Kubernetes, args ...string) subject.Launch {
	t.Helper()
	return subject.Launch{
		Kind: subject.KindSim, Image: simImage(t), HomeDir: homeDir(t), HTTPPort: 8080,
		Command:    append([]string{"--httpPort=8080"}, args...),
		User:       fmt.Sprintf("%d:%d", subject.JenkinsUID, subject.JenkinsGID),
		Labels:     map[string]string{"jsbench.suite": "test", "jsbench.scenario": strings.ToLower(t.Name()), "jsbench.volume": "t"},
		Kubernetes: &k,
	}
}

// start starts l and registers its stop; it checks afterwards that no
// object of the run is left.
func start(t *testing.T, rt *kube.Runtime, c *kube.Cluster, l subject.Launch) contract.Instance {
	t.Helper()
	inst, err := rt.Start(context.Background(), l)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	run := inst.(*kube.Instance).Run()
	t.Cleanup(func() {
		if err := inst.Stop(context.Background()); err != nil {
			t.Errorf("stop: %v", err)
		}
		assertNothingLeft(t, c, run)
	})
	return inst
}

// assertNothingLeft checks that no object of the run survived its stop.
func assertNothingLeft(t *testing.T, c *kube.Cluster, run string) {
	t.Helper()
	if run == "" {
		return
	}
	ctx := context.Background()
	sel := metav1.ListOptions{LabelSelector: kube.LabelRun + "=" + run}
	var left []string
	if l, err := c.Client.CoreV1().Pods(c.Namespace).List(ctx, sel); err == nil {
		for _, o := range l.Items {
			left = append(left, "pod "+o.Name)
		}
	}
	if l, err := c.Client.CoreV1().PersistentVolumeClaims(c.Namespace).List(ctx, sel); err == nil {
		for _, o := range l.Items {
			left = append(left, "claim "+o.Name)
		}
	}
	if l, err := c.Client.CoreV1().PersistentVolumes().List(ctx, sel); err == nil {
		for _, o := range l.Items {
			left = append(left, "volume "+o.Name)
		}
	}
	if l, err := c.Client.CoreV1().Secrets(c.Namespace).List(ctx, sel); err == nil {
		for _, o := range l.Items {
			left = append(left, "secret "+o.Name)
		}
	}
	if len(left) > 0 {
		t.Errorf("left behind after stop: %v", left)
	}
}

// untilUp reads the log until "fully up" and returns the lines read.
func untilUp(t *testing.T, inst contract.Instance) []jenkinslog.Line {
	t.Helper()
	const up = "Jenkins is fully up and running"
	lines := testenv.ReadUntil(t, inst.Lines(), up, upTimeout)
	if len(lines) == 0 || !strings.Contains(lines[len(lines)-1].Text, up) {
		rep := inst.(contract.Platform).Report(context.Background())
		t.Fatalf("the log ended before fully up: %q\nevents:\n%s", rep.Failure, strings.Join(rep.Kubernetes.Events, "\n"))
	}
	return lines
}

// failure waits for the start to fail for good and returns the
// platform's reason.
func failure(t *testing.T, inst contract.Instance) contract.PlatformReport {
	t.Helper()
	select {
	case <-inst.Exited():
	case <-time.After(upTimeout):
		t.Fatalf("the start did not fail within %s; report: %+v", upTimeout, inst.(contract.Platform).Report(context.Background()).Failure)
	}
	return inst.(contract.Platform).Report(context.Background())
}

// adminStdin is admin with stdin.
func adminStdin(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	bin, err := os.ReadFile(filepath.Join(testenv.ClusterDir(), "bin-dir"))
	if err != nil {
		t.Fatalf("find kubectl of the local cluster: %v", err)
	}
	kubectl := filepath.Join(strings.TrimSpace(string(bin)), "kubectl")
	cmd := exec.Command(kubectl, append([]string{"--kubeconfig", testenv.AdminKubeconfig(t)}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writeKubeconfig writes a kubeconfig for server with no credentials.
func writeKubeconfig(t *testing.T, server string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	cfg := fmt.Sprintf("apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: %q, insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n", server)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
