package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// start starts the subject on a prepared home, observes it until it is
// up, failed or timed out, and fills rec. The instance's stop is pushed
// onto stack at once; the instance is returned, nil when none started.
func (r *Runner) start(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, h volume.Prepared, stack *cleanup.Stack, rec *results.Record) contract.Instance {
	rt, err := r.runtime(sc)
	if err != nil {
		rec.Status, rec.Reason = results.StatusError, err.Error()
		return nil
	}
	launch := launch(sc, h, r.labels(sc, rec.Volume.Name))
	if sc.Subject.Kind == subject.KindSim && r.plan != nil {
		launch.SimArgs = append(launch.SimArgs, flagsBeside(r.plan, sc.Subject.Sim)...)
	}
	if err := r.cacheDir(sc, &launch, stack); err != nil {
		rec.Status, rec.Reason = results.StatusError, err.Error()
		return nil
	}
	if r.DropCaches != nil && sc.Cache != scenario.CacheWarm {
		rec.CacheDropped = r.DropCaches()
	}
	extracted := launch.Cache != nil || webrootMissing(atRest(h))
	ops := countOps(v, h)
	inst, err := rt.Start(ctx, launch)
	if err != nil {
		rec.Status, rec.Reason = results.StatusError, fmt.Sprintf("start subject: %v", err)
		return nil
	}
	stack.Push("subject "+rec.Subject.Name, inst.Stop)
	r.remember(v, h)
	stopWatch := r.watchHost(inst, rec)
	obs := observe(ctx, inst, sc.Timeout)
	stopWatch()
	rec.StorageOps = ops.since()
	obs.reconcile(ctx, inst)
	record(ctx, inst, obs, rec)
	noteExit(ctx, inst, rec)
	if extracted {
		markExtracted(rec)
	}
	return inst
}

// webrootMissing reports whether the home holds no extracted war yet
// (no war/.timestamp), in which case Winstone must extract it all: the
// parser's guess from log timing is then overruled by what the harness
// knows. A home the harness cannot see counts as unknown (false).
func webrootMissing(homeDir string) bool {
	if homeDir == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(homeDir, "war", ".timestamp"))
	return errors.Is(err, fs.ErrNotExist)
}

func markExtracted(rec *results.Record) {
	for i := range rec.Phases {
		if rec.Phases[i].Name == jenkinslog.WarExtraction {
			rec.Phases[i].Skipped = false
		}
	}
}
