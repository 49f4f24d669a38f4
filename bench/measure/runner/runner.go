package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/jsbench/jsbench/bench/analyze/calibrate"
	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// Sink receives each finished run as soon as it is recorded.
type Sink interface {
	Record(rec results.Record) error
}

// Progress is told about each run as it starts and ends; it may print.
type Progress func(p Step)

// Step is one run's progress.
type Step struct {
	Scenario  string
	Volume    string
	Iteration int
	Of        int
	Warmup    bool
	Done      bool
	Record    *results.Record // set when Done
	Err       error           // a run that could not be recorded
}

// Runner runs scenarios. Its fields are set by the command layer.
type Runner struct {
	SuiteID string
	// WorkDir is a directory on local disk for per-run homes and mounts.
	WorkDir string
	// Runtimes are the opened runtimes by name ("container", "process").
	Runtimes map[string]contract.Runtime
	// Specs are every runtime's spec (bench/runtime/runtimes).
	Specs    []subject.RuntimeSpec
	Sink     Sink
	Progress Progress
	// DropCaches, when set, is called before each measured start; it
	// reports whether the page cache was dropped.
	DropCaches func() bool
	// Host, when set, measures the host around each run.
	Host HostMeter

	// adaptive judges the scenario being run when it says `runs: auto`.
	adaptive *adaptive
	// plan is the calibration of the scenario being run, nil when its
	// subject is not calibrated.
	plan *calibrate.Plan
	// calibration is plan as every run records it, built once plan is
	// complete; nil without a plan and during the probe starts.
	calibration *results.Calibration
	// homes are the homes of the controllers started last, by volume
	// name, for the failovers that replace them on the same home.
	homes map[string]volume.Prepared
}

// Run runs every scenario in order. It stops early when ctx is cancelled
// and returns ctx's error then; runs recorded before stay recorded.
func (r *Runner) Run(ctx context.Context, scenarios []*scenario.Scenario) error {
	for _, sc := range scenarios {
		if err := r.runScenario(ctx, sc); err != nil {
			return err
		}
	}
	return nil
}

func (r *Runner) runScenario(ctx context.Context, sc *scenario.Scenario) error {
	r.adaptive = newAdaptive(sc)
	r.homes = nil
	if err := r.calibrate(ctx, sc); err != nil {
		return err
	}
	if sc.Start == scenario.StartRestart {
		return r.runRestarts(ctx, sc)
	}
	if len(sc.Failovers) > 0 {
		return r.runFailovers(ctx, sc)
	}
	return r.iterate(ctx, sc, func(v scenario.Volume, i int) {
		r.coldRun(ctx, sc, v, i, i <= sc.Warmup)
	})
}

// iterate calls run for each iteration and volume, volumes interleaved,
// leaving out the volumes an adaptive scenario has measured enough.
func (r *Runner) iterate(ctx context.Context, sc *scenario.Scenario, run func(v scenario.Volume, iteration int)) error {
	for i := 1; i <= sc.Warmup+sc.Runs && !r.adaptive.allDone(); i++ {
		for _, v := range sc.Volumes {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !r.adaptive.done(v.Name) {
				run(v, i)
			}
		}
	}
	return ctx.Err()
}

// coldRun is one first boot on a fresh volume and home.
func (r *Runner) coldRun(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, iteration int, warmup bool) {
	step := Step{Scenario: sc.Name, Volume: v.Name, Iteration: iteration, Of: sc.Warmup + sc.Runs, Warmup: warmup}
	r.progress(step)
	r.finish(ctx, step, r.measure(ctx, sc, v, iteration, warmup))
}

// measure prepares a fresh volume and home, starts the subject on it,
// cleans up and returns the record, which nobody has seen yet.
func (r *Runner) measure(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, iteration int, warmup bool) results.Record {
	var stack cleanup.Stack
	rec := r.newRecord(sc, v, iteration, warmup)
	r.referenceBefore(ctx, &rec)
	home, err := r.prepareHome(ctx, sc, v, &stack, &rec)
	if err == nil {
		r.start(ctx, sc, v, home, &stack, &rec)
	} else {
		rec.Status, rec.Reason = results.StatusError, err.Error()
	}
	if err := stack.Run(ctx); err != nil {
		rec.Warnings = append(rec.Warnings, "cleanup: "+err.Error())
	}
	r.referenceAfter(ctx, &rec)
	return rec
}

// finish hands a record to the sink, unless the run was cut short by an
// interrupt: a half-measured run is no measurement.
func (r *Runner) finish(ctx context.Context, step Step, rec results.Record) {
	step.Done = true
	if ctx.Err() != nil && rec.Status != results.StatusOK {
		step.Err = fmt.Errorf("run interrupted; not recorded")
		r.progress(step)
		return
	}
	if rec.Failover == nil {
		r.adaptive.observe(&rec)
	}
	if err := r.Sink.Record(rec); err != nil {
		step.Err = fmt.Errorf("record run: %w", err)
	}
	step.Record = &rec
	r.progress(step)
}

func (r *Runner) progress(s Step) {
	if r.Progress != nil {
		r.Progress(s)
	}
}

func (r *Runner) env(sc *scenario.Scenario, v scenario.Volume, iteration int) volume.Env {
	uid, gid := r.owner(sc)
	spec, _ := subject.Spec(r.Specs, sc.Subject.Runtime)
	return volume.Env{
		WorkDir: r.WorkDir,
		RunID:   fmt.Sprintf("%s-%s-%s-%d", r.SuiteID, sc.Name, v.Name, iteration),
		UID:     uid,
		GID:     gid,
		Labels:  r.labels(sc, v.Name),
		// A pod restores its home in an init container, on its node.
		DeferRestore: spec.RestoresHome,
	}
}

func (r *Runner) labels(sc *scenario.Scenario, volume string) map[string]string {
	return map[string]string{
		"jsbench.suite":    r.SuiteID,
		"jsbench.scenario": sc.Name,
		"jsbench.volume":   volume,
	}
}

func (r *Runner) newRecord(sc *scenario.Scenario, v scenario.Volume, iteration int, warmup bool) results.Record {
	return results.Record{
		Schema:       results.Schema,
		SuiteID:      r.SuiteID,
		Scenario:     sc.Name,
		ScenarioFile: sc.File,
		Subject:      describe(r.Runtimes[sc.Subject.Runtime], sc),
		Calibration:  r.calibration,
		Volume:       results.Volume{Name: v.Name, Kind: v.Kind, Params: copyParams(v.Config.Params()), Ceiling: v.Ceiling},
		Home:         describeHome(sc.Home),
		Start:        sc.Start,
		RTOMS:        float64(sc.RTO) / float64(time.Millisecond),
		Survive:      sc.Survive,
		Iteration:    iteration,
		Warmup:       warmup,
		StartedAt:    time.Now().UTC(),
		// ReferenceVolume lets reports pair without the scenario file.
		ReferenceVolume: sc.Reference,
	}
}

func copyParams(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
