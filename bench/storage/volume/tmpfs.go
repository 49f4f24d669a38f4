package volume

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
)

// tmpfsKind is a fresh in-memory file system per run: the best case any
// storage can reach (Kubernetes emptyDir with medium Memory). As root,
// each run mounts its own tmpfs inside the suite's work directory, so a
// killed jsbench leaves it where the next start sweeps it; otherwise, or
// when `dir` names one, a directory on an existing tmpfs is used.
type tmpfsKind struct{}

// fallbackTmpfsDir is a tmpfs on every Linux distribution jsbench targets.
const fallbackTmpfsDir = "/dev/shm"

type tmpfsVolume struct {
	name string
	// parent is a directory on an existing tmpfs; empty means "mount one".
	parent string
	// size is the mount's size option ("512m"); empty means the kernel's
	// default, half of the memory.
	size string
}

func (tmpfsKind) Configure(name string, opts *Options) Volume {
	return &tmpfsVolume{name: name, parent: opts.String("dir", ""), size: opts.String("size", "")}
}

func (v *tmpfsVolume) Name() string { return v.name }
func (v *tmpfsVolume) Kind() string { return "tmpfs" }

func (v *tmpfsVolume) Params() map[string]string {
	p := map[string]string{}
	if v.parent != "" {
		p["dir"] = v.parent
	}
	if v.size != "" {
		p["size"] = v.size
	}
	return p
}

func (v *tmpfsVolume) Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error) {
	parent := v.parent
	if parent == "" && os.Geteuid() == 0 {
		point, err := v.mount(env, stack)
		if err != nil {
			return Prepared{}, err
		}
		parent = point
	} else if parent == "" {
		parent = fallbackTmpfsDir
	}
	facts := mountFacts(parent)
	if facts["fstype"] != "tmpfs" {
		return Prepared{}, fmt.Errorf("tmpfs volume %q: %q is on %q, not tmpfs (set dir: to a tmpfs mount)", v.name, parent, facts["fstype"])
	}
	dir, err := makeHomeDir(parent, env, stack)
	if err != nil {
		return Prepared{}, err
	}
	return Prepared{HostDir: dir, Facts: facts}, nil
}

// mount mounts a fresh tmpfs in the work directory and registers its
// unmount and removal.
func (v *tmpfsVolume) mount(env Env, stack *cleanup.Stack) (string, error) {
	point := filepath.Join(env.WorkDir, "tmpfs-"+env.RunID)
	if err := os.Mkdir(point, 0o755); err != nil {
		return "", fmt.Errorf("create tmpfs mount point: %w", err)
	}
	stack.Push("mount point "+point, func(context.Context) error { return os.Remove(point) })
	data := "mode=0755"
	if v.size != "" {
		data += ",size=" + v.size
	}
	if err := syscall.Mount("jsbench-tmpfs", point, "tmpfs", 0, data); err != nil {
		return "", fmt.Errorf("mount tmpfs on %q (size %q): %w", point, v.size, err)
	}
	stack.Push("tmpfs "+point, func(context.Context) error { return syscall.Unmount(point, syscall.MNT_DETACH) })
	return point, nil
}
