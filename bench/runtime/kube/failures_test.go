package kube_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// TestFailures makes the real cluster fail a start in each way it can be
// made to on demand, and checks that each is a failure of its own kind,
// said in the cluster's words, with the events attached.
func TestFailures(t *testing.T) {
	c, k := cluster(t)
	rt := kube.New(restoreImage(t))
	for _, tc := range []struct {
		name string
		// change makes the launch fail.
		change func(t *testing.T, l *subject.Launch)
		want   []string
	}{
		{"claim pending", func(t *testing.T, l *subject.Launch) {
			l.HomeDir = ""
			l.Claim = &homemount.Claim{StorageClass: "jsbench-unprovisioned", Size: "1Gi", AccessMode: "ReadWriteOnce"}
		}, []string{"Pending"}},
		{"insufficient cpu", func(t *testing.T, l *subject.Launch) {
			l.Kubernetes.Resources = map[string]any{"requests": map[string]any{"cpu": "64"}}
		}, []string{"FailedScheduling", "Insufficient cpu"}},
		{"untolerated taint", func(t *testing.T, l *subject.Launch) {
			node := taintedNode(t)
			l.Kubernetes.NodeSelector = map[string]any{corev1.LabelHostname: node}
		}, []string{"FailedScheduling", "untolerated taint"}},
		{"image never pulled", func(t *testing.T, l *subject.Launch) {
			l.Image = subject.KubeSimRepository + ":absent"
		}, []string{"ErrImageNeverPull", "scripts/cluster.sh images"}},
		{"image pull failing", func(t *testing.T, l *subject.Launch) {
			// A registry that refuses connections: the kubelet retries
			// with back-off, and the run fails after the pending timeout.
			l.Image = "127.0.0.1:1/jsbench/absent:none"
			l.Kubernetes.ImagePullPolicy = "Always"
		}, []string{"container jenkins", "ImagePull", "pending timeout"}},
		{"crash loop", func(t *testing.T, l *subject.Launch) {
			l.Command = append(l.Command, "--no-such-flag")
		}, []string{"container jenkins exited with code 2"}},
		{"out of memory", func(t *testing.T, l *subject.Launch) {
			// A home in memory counts against the pod's limit, as an
			// emptyDir of medium Memory does: extracting the 96 MB war
			// into it cannot fit in 48 MiB, whatever the page cache does.
			l.HomeDir = homeDirIn(t, "/dev/shm")
			l.MemoryBytes = 48 << 20
		}, []string{"OOMKilled"}},
		{"restore fails", func(t *testing.T, l *subject.Launch) {
			l.Restore = &homemount.Restore{Source: serveNothing(t) + "/backup.tar.zst", UID: 1000, GID: 1000}
		}, []string{"init container restore failed", "exited with code 1", "404"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kk := k
			l := simLaunch(t, kk)
			tc.change(t, &l)
			rep := failure(t, start(t, rt, c, l))
			for _, w := range tc.want {
				if !strings.Contains(rep.Failure, w) {
					t.Errorf("failure %q does not say %q", rep.Failure, w)
				}
			}
			if len(rep.Kubernetes.Events) == 0 {
				t.Errorf("no events attached to the failure %q", rep.Failure)
			}
		})
	}
}

// TestUnknownStorageClass refuses a claim of a class the cluster lacks,
// naming the classes it has, before anything is created.
func TestUnknownStorageClass(t *testing.T) {
	_, k := cluster(t)
	rt := kube.New(restoreImage(t))
	l := simLaunch(t, k)
	l.HomeDir = ""
	l.Claim = &homemount.Claim{StorageClass: "gp9", Size: "1Gi", AccessMode: "ReadWriteOnce"}
	_, err := rt.Start(context.Background(), l)
	if err == nil || !strings.Contains(err.Error(), `StorageClass "gp9" does not exist`) || !strings.Contains(err.Error(), "jsbench-unprovisioned") {
		t.Fatalf("start with StorageClass gp9: %v; want it refused, naming the classes there are", err)
	}
}

// TestNoCluster names the remedy when no API server answers.
func TestNoCluster(t *testing.T) {
	_, err := kube.Connect(context.Background(), subject.Kubernetes{Kubeconfig: writeKubeconfig(t, "https://127.0.0.1:1")})
	if err == nil || !strings.Contains(err.Error(), "scripts/cluster.sh up") || !errors.Is(err, kube.ErrNoCluster) {
		t.Fatalf("connect to nothing: %v", err)
	}
	_, err = kube.Connect(context.Background(), subject.Kubernetes{Kubeconfig: "/nonexistent/kubeconfig"})
	if err == nil || !errors.Is(err, kube.ErrNoCluster) {
		t.Fatalf("connect with a missing kubeconfig: %v", err)
	}
}

// taintedNode registers a node that no kubelet runs, tainted so that no
// pod without a toleration lands there, and removes it after the test.
// It is the only node a pod selecting it could go to: the scheduler then
// fails with the taint, as on a cluster whose only fitting nodes are
// reserved for others.
func taintedNode(t *testing.T) string {
	t.Helper()
	name := "jsbench-test-tainted-" + fmt.Sprint(time.Now().UnixNano())
	manifest := fmt.Sprintf(`{"apiVersion":"v1","kind":"Node","metadata":{"name":%q,"labels":{"kubernetes.io/hostname":%q}},
"spec":{"taints":[{"key":"jsbench.test/reserved","value":"others","effect":"NoSchedule"}]}}`, name, name)
	if out, err := adminStdin(t, manifest, "apply", "-f", "-"); err != nil {
		t.Fatalf("create tainted node: %v\n%s", err, out)
	}
	t.Cleanup(func() { admin(t, "delete", "node", name, "--wait=false") })
	return name
}

// serveNothing serves 404 on every path, on all addresses, so that a pod
// reaches it at its node's address; it returns its loopback URL.
func serveNothing(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.NotFoundHandler()}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return fmt.Sprintf("http://127.0.0.1:%d", l.Addr().(*net.TCPAddr).Port)
}
