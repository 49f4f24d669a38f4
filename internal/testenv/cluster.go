package testenv

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// clusterDirEnv overrides where scripts/cluster.sh keeps the local
// cluster's state (its default is defaultClusterDir).
const (
	clusterDirEnv     = "JSBENCH_CLUSTER_DIR"
	defaultClusterDir = "/var/lib/jsbench/cluster"
	// KubeconfigEnv names a kubeconfig for the Kubernetes tests other than
	// the local cluster's.
	KubeconfigEnv = "JSBENCH_TEST_KUBECONFIG"
)

// ClusterDir is the local cluster's state directory.
func ClusterDir() string {
	if d := os.Getenv(clusterDirEnv); d != "" {
		return d
	}
	return defaultClusterDir
}

// Kubeconfig is the kubeconfig the Kubernetes runtime's tests use: the
// local cluster's service account bound to deploy/rbac.yaml (written by
// scripts/cluster.sh up), so that the tests prove that manifest
// sufficient. Without one the test skips, or fails in CI.
func Kubeconfig(t testing.TB) string {
	t.Helper()
	path := os.Getenv(KubeconfigEnv)
	if path == "" {
		path = filepath.Join(ClusterDir(), "jsbench.kubeconfig")
	}
	_, err := os.Stat(path)
	Require(t, err == nil, "a Kubernetes cluster (sudo scripts/cluster.sh up, or "+KubeconfigEnv+")")
	return path
}

// AdminKubeconfig is the local cluster's administrator kubeconfig, for
// test fixtures jsbench itself may not create (a tainted node).
func AdminKubeconfig(t testing.TB) string {
	t.Helper()
	path := filepath.Join(ClusterDir(), "admin.kubeconfig")
	_, err := os.Stat(path)
	Require(t, err == nil, "the local cluster's admin kubeconfig (sudo scripts/cluster.sh up)")
	return path
}

// ClusterBin is the directory of the local cluster's binaries (kubectl
// among them), as scripts/cluster.sh up recorded it.
func ClusterBin(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(ClusterDir(), "bin-dir"))
	Require(t, err == nil, "the local cluster's binaries (sudo scripts/cluster.sh up)")
	return strings.TrimSpace(string(b))
}
