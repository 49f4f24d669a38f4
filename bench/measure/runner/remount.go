package runner

import (
	"context"
	"fmt"
	"os"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// What a restart does to the storage is the same whichever way the
// controller is replaced — a failover's new pod, or the new container of
// a `start: restart` run: the new controller mounts the home's volume
// anew (its kubelet or its volume driver does), so a network volume's
// client starts cold, and in the WebrootCache layout it gets an empty
// node-local cache into which it extracts the WAR again.

// replacement is what a failover does to the storage of the controller
// it replaces: the home it runs on, and the file operations counted from
// the moment the controller is lost.
type replacement struct {
	sc   *scenario.Scenario
	v    scenario.Volume
	home volume.Prepared
	ops  *opCounter
}

// remember keeps the home of v's controller just started, for the
// failovers that replace it.
func (r *Runner) remember(v scenario.Volume, h volume.Prepared) {
	if r.homes == nil {
		r.homes = map[string]volume.Prepared{}
	}
	r.homes[v.Name] = h
}

// replacing starts counting the operations of v's running controller's
// replacement, on the home its start prepared (Runner.homes).
func (r *Runner) replacing(sc *scenario.Scenario, v scenario.Volume) *replacement {
	h := r.homes[v.Name]
	return &replacement{sc: sc, v: v, home: h, ops: countOps(v, h)}
}

// remounted is called once the controller is lost: its replacement
// mounts the home anew.
func (p *replacement) remounted(rec *results.Record) {
	for k, val := range p.home.Facts {
		rec.Volume.Params[k] = val
	}
	newClient(p.v, p.home, rec)
}

// done records what the replacement did to the storage: its file
// operations, and the extraction into a new pod's empty cache.
func (p *replacement) done(rec *results.Record) {
	rec.StorageOps = p.ops.since()
	if p.sc.Subject.Webroot == subject.WebrootCache {
		markExtracted(rec)
	}
}

// newClient tells a volume whose client side can start over that a new
// controller mounts it (volume.Remounted); a failure is a warning, as the
// start itself is unharmed.
func newClient(v scenario.Volume, h volume.Prepared, rec *results.Record) {
	r, ok := v.Config.(volume.Remounted)
	if !ok || h.HostDir == "" {
		return
	}
	if err := r.NewClient(h); err != nil {
		rec.Warnings = append(rec.Warnings, "cold client cache: "+err.Error())
	}
}

// cacheDir makes the fresh node-local cache of a WebrootCache launch on
// this machine's disk, writable by the subject's user, and pushes its
// removal: the Helm chart's emptyDir, for the runtimes that run the
// controller here (the Kubernetes runtime makes an emptyDir instead).
func (r *Runner) cacheDir(sc *scenario.Scenario, l *subject.Launch, stack *cleanup.Stack) error {
	if l.Cache == nil {
		return nil
	}
	dir, err := os.MkdirTemp(r.WorkDir, "cache-")
	if err != nil {
		return fmt.Errorf("create the controller's cache: %w", err)
	}
	stack.Push("controller cache "+dir, func(context.Context) error { return os.RemoveAll(dir) })
	if uid, gid := r.owner(sc); os.Geteuid() == 0 {
		if err := os.Chown(dir, uid, gid); err != nil {
			return fmt.Errorf("give the controller's cache %q to %d:%d: %w", dir, uid, gid, err)
		}
	}
	l.Cache.HostDir = dir
	return nil
}
