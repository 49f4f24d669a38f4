package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/jsbench/jsbench/bench/lifecycle/cleanup"
	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/storage/volume"
)

// StartFailover is the start mode of a failover run's record.
const StartFailover = "failover"

// runFailovers measures, for each run on each volume, a cold start on a
// fresh volume and then every failover of the scenario in turn on that
// controller: the pod is lost and the time until its replacement is
// fully up is recorded as scenario "NAME.failover-LABEL".
func (r *Runner) runFailovers(ctx context.Context, sc *scenario.Scenario) error {
	return r.iterate(ctx, sc, func(v scenario.Volume, i int) {
		r.failoverRun(ctx, sc, v, i, i <= sc.Warmup)
	})
}

func (r *Runner) failoverRun(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, iteration int, warmup bool) {
	step := Step{Scenario: sc.Name, Volume: v.Name, Iteration: iteration, Of: sc.Warmup + sc.Runs, Warmup: warmup}
	r.progress(step)
	var stack cleanup.Stack
	inst, cold := r.failoverStart(ctx, sc, v, iteration, warmup, &stack)
	recs := []results.Record{cold}
	for i, fo := range sc.Failovers {
		if ctx.Err() != nil {
			break
		}
		if inst == nil && i > 0 && recs[len(recs)-1].Failover != nil {
			// The last failover left no controller (it did not recover):
			// a fresh cold start, not counted, lets the next one be measured.
			if err := stack.Run(ctx); err != nil {
				recs[len(recs)-1].Warnings = append(recs[len(recs)-1].Warnings, "cleanup: "+err.Error())
			}
			var again results.Record
			inst, again = r.failoverStart(ctx, sc, v, iteration, true, &stack)
			again.Warnings = append(again.Warnings, "cold start made to go on after failover "+recs[len(recs)-1].Scenario+" did not recover; recorded as a warmup, not counted")
			recs = append(recs, again)
		}
		if inst == nil {
			break
		}
		var rec results.Record
		inst, rec = r.failover(ctx, sc, v, inst, fo, iteration, warmup)
		recs = append(recs, rec)
		if rec.Status != results.StatusOK {
			inst = nil
		}
	}
	if err := stack.Run(ctx); err != nil {
		last := &recs[len(recs)-1]
		last.Warnings = append(last.Warnings, "cleanup: "+err.Error())
	}
	for i, rec := range recs {
		s := step
		s.Scenario, s.Warmup = rec.Scenario, rec.Warmup
		if i > 0 {
			r.progress(s)
		}
		r.finish(ctx, s, rec)
	}
}

// failoverStart is the cold start on a fresh volume that failovers
// follow; it returns the running controller (nil when the start failed)
// and the start's record.
func (r *Runner) failoverStart(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, iteration int, warmup bool, stack *cleanup.Stack) (contract.Instance, results.Record) {
	cold := r.newRecord(sc, v, iteration, warmup)
	r.referenceBefore(ctx, &cold)
	home, err := r.prepareHome(ctx, sc, v, stack, &cold)
	var inst contract.Instance
	if err == nil {
		inst = r.start(ctx, sc, v, home, stack, &cold)
	} else {
		cold.Status, cold.Reason = results.StatusError, err.Error()
	}
	// The cold start's host is judged up to the first failover; each
	// failover times the reference workload around its own recovery.
	r.referenceAfter(ctx, &cold)
	if cold.Status != results.StatusOK {
		inst = nil
	}
	return inst, cold
}

// failover loses the controller inst as fo says and observes its
// replacement until it is fully up. It returns the replacement (inst
// itself when there is none) and the failover's record.
func (r *Runner) failover(ctx context.Context, sc *scenario.Scenario, v scenario.Volume, inst contract.Instance, fo subject.Failover, iteration int, warmup bool) (contract.Instance, results.Record) {
	rec := r.newRecord(sc, v, iteration, warmup)
	rec.Scenario = FailoverScenario(sc.Name, fo)
	rec.Start = StartFailover
	rec.Failover = &results.Failover{Action: fo.Action, GraceS: fo.GraceSeconds()}
	f, ok := inst.(contract.Failing)
	if !ok {
		rec.Status, rec.Reason = results.StatusError, fmt.Sprintf("failover %s: the %s runtime cannot lose a controller on purpose", fo.Label, sc.Subject.Runtime)
		return inst, rec
	}
	r.referenceBefore(ctx, &rec)
	storage := r.replacing(sc, v)
	rec.StartedAt = time.Now().UTC()
	next, err := f.Fail(ctx, fo)
	if err != nil {
		rec.Status, rec.Reason = results.StatusError, fmt.Sprintf("failover %s: %v", fo.Label, err)
		rec.Failover.Outcome = results.OutcomeFailed
		return inst, rec
	}
	storage.remounted(&rec)
	stopWatch := r.watchHost(next, &rec)
	obs := observe(ctx, next, sc.Timeout)
	stopWatch()
	r.referenceAfter(ctx, &rec)
	obs.reconcile(ctx, next)
	record(ctx, next, obs, &rec)
	storage.done(&rec)
	rec.Failover.DowntimeMS = rec.HTTPReadyMS
	dataLoss(rec.Failover, rec.Volume.Params[volume.ParamBackupEvery])
	switch {
	case rec.Status == results.StatusOK:
		rec.Failover.Outcome = results.OutcomeRecovered
	case rec.Failover.Outcome == "":
		rec.Failover.Outcome = results.OutcomeFailed
	}
	return next, rec
}

// FailoverScenario is the scenario name a failover's records carry, so
// that reports show each failover as a scenario of its own.
func FailoverScenario(name string, fo subject.Failover) string {
	return name + ".failover-" + fo.Label
}

// dataLoss sets what a restore lost: the changes since the last backup.
// A failure lands at a uniformly random moment between two backups taken
// every backupEvery, so the backup it restores is on average half that
// old, and at worst all of it. Nothing is lost when the home was kept.
func dataLoss(f *results.Failover, backupEvery string) {
	every, err := time.ParseDuration(backupEvery)
	if f.Restored == nil || !*f.Restored || err != nil || every <= 0 {
		return
	}
	f.DataLossExpectedS, f.DataLossMaxS = every.Seconds()/2, every.Seconds()
}
