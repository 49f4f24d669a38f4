package runner

import (
	"context"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// runRestarts measures restarts on the same home, as Kubernetes restarts
// a pod on its persistent volume: each volume is prepared and populated
// once, booted once to prime it (recorded as a warmup run with iteration
// 0), then every run starts a new subject on that home. Each new subject
// mounts the home anew, as a failover's replacement pod does: a network
// volume's client starts cold (newClient), and in the WebrootCache
// layout the WAR is extracted again into an empty cache.
func (r *Runner) runRestarts(ctx context.Context, sc *scenario.Scenario) error {
	var stack cleanup.Stack
	defer stack.Run(ctx)
	homes := make(map[string]volume.Prepared, len(sc.Volumes))
	for _, v := range sc.Volumes {
		if h, ok := r.prime(ctx, sc, v, &stack); ok {
			homes[v.Name] = h
		}
	}
	return r.iterate(ctx, sc, func(v scenario.Volume, i int) {
		if h, ok := homes[v.Name]; ok {
			r.restartRun(ctx, sc, v, h, i, i <= sc.Warmup)
		}
	})
}

// prime prepares a volume and boots the subject on it once. A volume
// whose first boot fails is not restarted.
func (r *Runner) prime(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, stack *cleanup.Stack) (volume.Prepared, bool) {
	step := Step{Scenario: sc.Name, Volume: v.Name, Of: sc.Warmup + sc.Runs, Warmup: true}
	r.progress(step)
	rec := r.newRecord(sc, v, 0, true)
	rec.Start = scenario.StartCold
	h, err := r.prepareHome(ctx, sc, v, stack, &rec)
	if err != nil {
		rec.Status, rec.Reason = results.StatusError, err.Error()
		r.finish(ctx, step, rec)
		return volume.Prepared{}, false
	}
	var run cleanup.Stack
	r.start(ctx, sc, v, h, &run, &rec)
	if err := run.Run(ctx); err != nil {
		rec.Warnings = append(rec.Warnings, "cleanup: "+err.Error())
	}
	r.finish(ctx, step, rec)
	return h, rec.Status == results.StatusOK
}

func (r *Runner) restartRun(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, h volume.Prepared, iteration int, warmup bool) {
	step := Step{Scenario: sc.Name, Volume: v.Name, Iteration: iteration, Of: sc.Warmup + sc.Runs, Warmup: warmup}
	r.progress(step)
	rec := r.newRecord(sc, v, iteration, warmup)
	for k, val := range h.Facts {
		rec.Volume.Params[k] = val
	}
	var run cleanup.Stack
	r.referenceBefore(ctx, &rec)
	newClient(v, h, &rec)
	r.start(ctx, sc, v, h, &run, &rec)
	if err := run.Run(ctx); err != nil {
		rec.Warnings = append(rec.Warnings, "cleanup: "+err.Error())
	}
	r.referenceAfter(ctx, &rec)
	r.finish(ctx, step, rec)
}
