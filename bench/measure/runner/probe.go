package runner

import (
	"context"
	"time"

	"github.com/jsbench/jsbench/bench/observe/probe"
	"github.com/jsbench/jsbench/bench/record/results"
)

// probeBudget bounds the short probe of a volume: slow storage (an
// overloaded NFS at 200 ms per file) would otherwise take minutes.
const probeBudget = 20 * time.Second

// probeVolume measures the per-operation costs of a freshly prepared,
// still empty volume, so a slow startup can be explained by them. A
// failed probe is a warning, not a failed run.
func probeVolume(ctx context.Context, dir string, rec *results.Record) {
	rep, err := probe.Run(ctx, dir, probe.Options{Quick: true, Budget: probeBudget})
	if err != nil {
		rec.Warnings = append(rec.Warnings, "storage probe: "+err.Error())
		return
	}
	p := &results.Probe{
		P50MS:           make(map[string]float64, len(rep.Ops)),
		SeqWriteMiBPerS: rep.SeqWriteMiBPerS,
		SeqReadMiBPerS:  rep.SeqReadMiBPerS,
		ElapsedMS:       rep.ElapsedMS,
		Warnings:        rep.Warnings,
	}
	for _, op := range rep.Ops {
		p.P50MS[op.Op] = op.P50MS
	}
	rec.Probe = p
}
