package suite

import (
	"context"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/lifecycle/workdir"
	"github.com/jsbench/jsbench/bench/storage/emufs"
)

// sweepPlan lists what a killed earlier session may have left on this
// host, each in its bench/lifecycle/sweep stage: its containers (and their Docker
// volumes) first, since one may still run and write into its home; then
// stale emulated volumes and the mounts in dead work directories; then
// those directories. runtimeSteps are the runtimes' own steps (their
// containers and pods, in sweep.Workloads).
func sweepPlan(workRoot string, runtimeSteps []sweep.Step) []sweep.Step {
	return append(runtimeSteps,
		sweep.Step{Stage: sweep.Mounts, Name: "emulated volumes", Sweep: labelled("mount ", emufs.Sweep, "")},
		sweep.Step{Stage: sweep.Mounts, Name: "mounts in work directories", Sweep: labelled("mount ", workdir.SweepMounts, workRoot)},
		sweep.Step{Stage: sweep.Directories, Name: "work directories", Sweep: labelled("work directory ", workdir.SweepDirs, workRoot)},
	)
}

// labelled makes a step of a sweep below root, prefixing what it removed
// with what it is ("mount /tmp/…").
func labelled(prefix string, sweepBelow func(root string) ([]string, error), root string) func(context.Context) ([]string, error) {
	return func(context.Context) ([]string, error) {
		removed, err := sweepBelow(root)
		for i := range removed {
			removed[i] = prefix + removed[i]
		}
		return removed, err
	}
}
