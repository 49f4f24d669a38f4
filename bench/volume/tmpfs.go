package volume

import (
	"context"
	"fmt"

	"github.com/jsbench/jsbench/bench/cleanup"
)

// tmpfsKind is a fresh directory on an in-memory file system per run: the
// best case any storage can reach (Kubernetes emptyDir with medium Memory).
type tmpfsKind struct{}

// defaultTmpfsDir is a tmpfs on every Linux distribution jsbench targets.
const defaultTmpfsDir = "/dev/shm"

type tmpfsVolume struct {
	name   string
	parent string
}

func (tmpfsKind) Configure(name string, opts *Options) Volume {
	return &tmpfsVolume{name: name, parent: opts.String("dir", defaultTmpfsDir)}
}

func (v *tmpfsVolume) Name() string              { return v.name }
func (v *tmpfsVolume) Kind() string              { return "tmpfs" }
func (v *tmpfsVolume) Params() map[string]string { return map[string]string{"dir": v.parent} }

func (v *tmpfsVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	facts := mountFacts(v.parent)
	if facts["fstype"] != "tmpfs" {
		return Prepared{}, fmt.Errorf("tmpfs volume %q: %q is on %q, not tmpfs (set dir: to a tmpfs mount)", v.name, v.parent, facts["fstype"])
	}
	dir, err := makeHomeDir(v.parent, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	return Prepared{HostDir: dir, Facts: facts}, nil
}
