package suite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/subject"
)

// SimBinaryEnv names the environment variable that points at the
// simulated controller's binary.
const SimBinaryEnv = "JSBENCH_SIM_BINARY"

// simBinaryName is the simulated controller's executable, built by
// `make build` next to jsbench.
const simBinaryName = "jenkins-sim"

// ErrNoSimBinary means the simulated controller could not be found.
var ErrNoSimBinary = errors.New("simulated controller binary not found")

// FindSimBinary locates the simulated controller: the explicit path, then
// $JSBENCH_SIM_BINARY, then next to the running jsbench, then $PATH.
func FindSimBinary(explicit string) (string, error) {
	candidates := []string{explicit, os.Getenv(SimBinaryEnv)}
	if self, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(self), simBinaryName))
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if info, err := os.Stat(c); err == nil && !info.IsDir() {
			return filepath.Abs(c)
		}
	}
	if p, err := exec.LookPath(simBinaryName); err == nil {
		return filepath.Abs(p)
	}
	return "", fmt.Errorf("%w: build it with `make build` (CGO_ENABLED=0 go build -o bin/jenkins-sim ./cmd/jenkins-sim), then pass --sim-binary or set %s", ErrNoSimBinary, SimBinaryEnv)
}

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
