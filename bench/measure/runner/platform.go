package runner

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// record fills rec from the observation and, when the instance has one,
// its platform's report.
func record(ctx context.Context, inst contract.Instance, obs *observation, rec *results.Record) {
	p, ok := inst.(contract.Platform)
	if !ok {
		obs.fill(rec, inst.StartedAt(), time.Time{})
		return
	}
	rep := p.Report(ctx)
	obs.fill(rec, inst.StartedAt(), rep.ContainerStarted)
	rec.Phases = append(rep.Phases, rec.Phases...)
	rec.Kubernetes = rep.Kubernetes
	for k, v := range rep.Facts {
		rec.Volume.Params[k] = v
	}
	rec.Warnings = append(rec.Warnings, rep.Warnings...)
	if rep.Failure != "" && rec.Status != results.StatusOK {
		rec.Reason = rep.Failure
	}
	if rec.Failover != nil && rep.Failover != nil {
		mergeFailover(rec.Failover, *rep.Failover)
	}
}

// mergeFailover takes the platform's account of a failover into the
// record's, which keeps the action and grace the runner asked for.
func mergeFailover(f *results.Failover, p results.Failover) {
	f.Recovery, f.AfterS = p.Recovery, p.AfterS
	f.FromNode, f.LostNodes, f.Zone = p.FromNode, p.LostNodes, p.Zone
	f.Outcome, f.Restored, f.Timers = p.Outcome, p.Restored, p.Timers
	f.DataLossExpectedS, f.DataLossMaxS = p.DataLossExpectedS, p.DataLossMaxS
}
