package subject

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Images of a local Kubernetes cluster, which has no registry: they are
// written as archives (cmd/jsbench-images) and imported into the node's
// containerd by scripts/cluster.sh. Each tag is the start of the SHA-256
// of the binary the image runs, so a run uses exactly the binary beside
// it or fails with ErrImageNeverPull, never a stale image.
const (
	// KubeSimRepository holds the simulated controller's image.
	KubeSimRepository = "localhost/jsbench/jenkins-sim"
	// KubeRestoreRepository holds the image of the restore init container.
	KubeRestoreRepository = "localhost/jsbench/restore"
	// KubePauseImage is the pod sandbox image the local cluster's
	// containerd is configured with.
	KubePauseImage = "localhost/jsbench/pause:local"
)

// BinaryTag is the image tag of a binary: the first 12 hex digits of the
// SHA-256 of its content.
func BinaryTag(binary string) (string, error) {
	sum, err := FileDigest(binary)
	if err != nil {
		return "", err
	}
	return sum[:12], nil
}

// FileDigest is the hex SHA-256 of a file's content.
func FileDigest(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash %q: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %q: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
