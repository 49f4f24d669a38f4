package suite

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
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
