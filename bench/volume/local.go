package volume

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/cleanup"
)

// localKind is a fresh directory on the host's local disk per run,
// bind-mounted as JENKINS_HOME: the hostPath / local-PV case.
type localKind struct{}

type localVolume struct {
	name string
	// parent is where per-run directories go; empty means the suite's
	// work directory.
	parent string
}

func (localKind) Configure(name string, opts *Options) Volume {
	return &localVolume{name: name, parent: opts.String("dir", "")}
}

func (v *localVolume) Name() string { return v.name }
func (v *localVolume) Kind() string { return "local" }

func (v *localVolume) Params() map[string]string {
	if v.parent == "" {
		return nil
	}
	return map[string]string{"dir": v.parent}
}

func (v *localVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	parent := v.parent
	if parent == "" {
		parent = env.WorkDir
	}
	dir, err := makeHomeDir(parent, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	return Prepared{HostDir: dir, Facts: mountFacts(dir)}, nil
}

// makeHomeDir creates parent/home-<run id>, owned by env's UID and GID
// when running as root, and registers its removal.
func makeHomeDir(parent string, env Env, stack *cleanup.Stack) (string, error) {
	dir := filepath.Join(parent, "home-"+env.RunID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create home directory: %w", err)
	}
	stack.Push("home directory "+dir, func(context.Context) error { return os.RemoveAll(dir) })
	if os.Geteuid() == 0 {
		if err := os.Chown(dir, env.UID, env.GID); err != nil {
			return "", fmt.Errorf("give home directory %q to %d:%d: %w", dir, env.UID, env.GID, err)
		}
	}
	return dir, nil
}
