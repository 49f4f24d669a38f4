package process

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/plan/subject"
)

// ensureSimWar returns the synthetic war the simulated controller
// extracts in process runs, making it once per binary in cacheDir.
func ensureSimWar(ctx context.Context, binary, cacheDir string) (string, error) {
	sum, err := subject.FileDigest(binary)
	if err != nil {
		return "", err
	}
	war := filepath.Join(cacheDir, "jenkins-sim-"+sum[:12]+".war")
	if _, err := os.Stat(war); err == nil {
		return war, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", fmt.Errorf("create cache directory: %w", err)
	}
	tmp := war + ".tmp"
	out, err := exec.CommandContext(ctx, binary, "make-war", tmp).CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("make the simulated war: %w: %s", err, out)
	}
	if err := os.Rename(tmp, war); err != nil {
		return "", fmt.Errorf("store the simulated war: %w", err)
	}
	return war, nil
}
