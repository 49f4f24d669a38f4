// Package volume provides the storage that JENKINS_HOME lives on during a
// run. A kind (local, tmpfs, …) is configured from a scenario entry and
// prepares a fresh, empty home per run. Every kind is one file of this
// package and one line of the kinds map below: that is the extension point.
package volume

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/storage/homemount"
)

// kinds lists every volume kind by the name scenario files use.
var kinds = map[string]Kind{
	"efs":      efsKind{},
	"emulated": emulatedKind{},
	"local":    localKind{},
	"nfs":      nfsKind{},
	"path":     pathKind{},
	"pvc":      pvcKind{},
	"snapshot": snapshotKind{},
	"tmpfs":    tmpfsKind{},
}

// Kind configures volumes of one kind from a scenario entry.
type Kind interface {
	// Configure checks the entry's options and returns the volume they
	// describe. Problems are reported through opts, not returned.
	Configure(name string, opts *Options) Volume
}

// Volume is one configured volume of a scenario.
type Volume interface {
	// Name is the label the scenario gave the volume.
	Name() string
	// Kind is the kind's name, as in the scenario.
	Kind() string
	// Params are the configured parameters, recorded with every result.
	Params() map[string]string
	// Prepare makes a fresh, empty home for one run, owned by env.Owner.
	// It pushes the release of everything it creates onto stack at once.
	Prepare(ctx context.Context, env Env, stack *cleanup.Stack) (Prepared, error)
}

// Env is what Prepare may use.
type Env struct {
	// WorkDir is a directory on local disk that jsbench owns for the
	// suite; kinds create their per-run directories and mount points in it.
	WorkDir string
	// RunID is unique within the suite and safe in file and Docker names.
	RunID string
	// UID and GID must be able to write the home (the official Jenkins
	// image runs as 1000:1000). Ownership is only changed when running as root.
	UID, GID int
	// Labels mark what the kind creates outside WorkDir (Docker volumes).
	Labels map[string]string
	// DeferRestore asks a snapshot volume to leave the restore to the
	// runtime (a Kubernetes init container) and describe it in
	// Prepared.Restore instead.
	DeferRestore bool
}

// Prepared is a home ready for a subject.
type Prepared struct {
	// HostDir is the home as a host directory; empty when the home is a
	// Docker-managed volume only a container can reach.
	HostDir string
	// PopulateDir, when set, is where the home is written before the
	// start: the same files as HostDir, at rest on the storage, written
	// without going through its client (an emulated volume's backing
	// directory). Empty means HostDir.
	PopulateDir string
	// DockerVolume is set for kinds that Docker mounts itself (NFS, EFS).
	DockerVolume *homemount.DockerVolume
	// Facts are what Prepare found out (file system type, mount options,
	// restore time), recorded with the result next to Params.
	Facts map[string]string
	// RestoreMS is the time spent restoring a snapshot onto the volume.
	RestoreMS float64
	// Owner, when set, is who the home must belong to instead of the
	// subject's user (a hostPath left to root); ReadOnly mounts the home
	// read-only into the subject's container.
	Owner    *Owner
	ReadOnly bool
	// Claim is set instead of HostDir by kinds that are a cluster's
	// storage (pvc): the runtime creates the claim.
	Claim *homemount.Claim
	// Restore is the restore left to the runtime (Env.DeferRestore).
	Restore *homemount.Restore
}

// Counted is implemented by volumes that count the file operations made
// on a prepared home and the latency they injected into them (emulated
// volumes), so that a slow start can be explained operation by operation.
type Counted interface {
	OpStats(p Prepared) (map[string]OpCount, bool)
}

// Remounted is implemented by volumes whose client side can start over
// (emulated volumes): a replacement controller — a new pod, a new
// container — mounts a network volume anew and meets a cold client
// cache, while the home's mount on this machine outlives it. The runner
// calls NewClient when it replaces a controller on the same home.
type Remounted interface {
	NewClient(p Prepared) error
}

// OpCount is the count of one file operation and the latency injected
// into it in all.
type OpCount struct {
	Count    int64
	Injected time.Duration
}

// Owner is a numeric user and group.
type Owner struct{ UID, GID int }

// Kinds returns the known kind names, sorted.
func Kinds() []string {
	names := make([]string, 0, len(kinds))
	for name := range kinds {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Configure builds the volume a scenario entry describes. Every problem
// found is returned, each naming the option (as a path below the entry)
// and the offending value.
func Configure(name, kind string, options map[string]any) (Volume, []Problem) {
	k, ok := kinds[kind]
	if !ok {
		return nil, []Problem{{
			Field:   "kind",
			Value:   kind,
			Message: fmt.Sprintf("unknown volume kind; known kinds: %s", strings.Join(Kinds(), ", ")),
		}}
	}
	opts := NewOptions(options)
	v := k.Configure(name, opts)
	if problems := opts.Finish(); len(problems) > 0 {
		return nil, problems
	}
	return v, nil
}
