// Package sweep removes what killed jsbench sessions left on this host,
// in the one order that is safe. A killed session's controller may still
// run, writing into its home: it is stopped and removed first
// (containers, and pods for a cluster runtime), then what is mounted is
// unmounted (stale FUSE volumes, tmpfs), and only then are directories
// deleted. A runtime that can leave something behind joins the sweep
// with a Step in its Stage; the suite lists the steps in one place.
package sweep

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Stage orders the steps of a sweep.
type Stage int

// Stages, in the order they run.
const (
	// Workloads stops and removes what runs: containers, pods.
	Workloads Stage = iota
	// Mounts unmounts what is mounted.
	Mounts
	// Directories deletes what is on disk.
	Directories
)

func (s Stage) String() string {
	switch s {
	case Workloads:
		return "workloads"
	case Mounts:
		return "mounts"
	case Directories:
		return "directories"
	}
	return fmt.Sprintf("stage %d", int(s))
}

// Step sweeps one kind of leftover.
type Step struct {
	Stage Stage
	// Name says what the step sweeps ("docker containers"), for errors.
	Name string
	// Sweep removes what dead sessions left and names each thing removed.
	Sweep func(ctx context.Context) (removed []string, err error)
}

// Run runs the steps stage by stage (in the order given within a stage)
// and returns what they removed, in the order removed. A stage that fails
// stops the sweep: a container that could not be stopped may still write
// into a mount or a directory a later stage would remove.
func Run(ctx context.Context, steps []Step) ([]string, error) {
	ordered := slices.Clone(steps)
	slices.SortStableFunc(ordered, func(a, b Step) int { return int(a.Stage) - int(b.Stage) })
	var removed []string
	for i := 0; i < len(ordered); {
		stage := ordered[i].Stage
		var errs []error
		for ; i < len(ordered) && ordered[i].Stage == stage; i++ {
			got, err := ordered[i].Sweep(ctx)
			removed = append(removed, got...)
			if err != nil {
				errs = append(errs, fmt.Errorf("sweep %s: %w", ordered[i].Name, err))
			}
		}
		if err := errors.Join(errs...); err != nil {
			if i < len(ordered) {
				err = fmt.Errorf("%w; later steps (%s) skipped: what is left may still be in use", err, laterStages(ordered[i:]))
			}
			return removed, err
		}
	}
	return removed, nil
}

// laterStages names the stages of steps, for the error that skips them.
func laterStages(steps []Step) string {
	var names []string
	for _, s := range steps {
		if n := s.Stage.String(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return fmt.Sprint(names)
}
