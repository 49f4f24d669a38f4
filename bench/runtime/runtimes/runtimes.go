// Package runtimes is the one table of jsbench's runtimes: scenario
// validation reads their specs, the session opens the runtimes its
// scenarios name and sweeps what killed sessions left in each. Adding a
// runtime is one folder beside container, process and kube, and one line
// in Table.
package runtimes

import (
	"context"

	"github.com/jsbench/jsbench/bench/lifecycle/sweep"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/runtime/container"
	"github.com/jsbench/jsbench/bench/runtime/contract"
	"github.com/jsbench/jsbench/bench/runtime/kube"
	"github.com/jsbench/jsbench/bench/runtime/process"
)

// Runtime is one row of the table.
type Runtime struct {
	// Spec says what the runtime accepts; scenarios are checked against it.
	Spec subject.RuntimeSpec
	// Open readies the runtime for the subjects that name it, once per
	// session and only when a scenario does: it connects, builds images,
	// finds binaries, so that a missing prerequisite stops the session
	// before its first run.
	Open func(ctx context.Context, env contract.Env) (contract.Runtime, error)
	// Sweep returns the steps that remove what killed sessions left in
	// this runtime (bench/lifecycle/sweep), at the start of every session.
	Sweep func(ctx context.Context, env contract.SweepEnv) []sweep.Step
}

// Table lists every runtime, in the order scenarios' errors name them.
func Table() []Runtime {
	return []Runtime{
		{Spec: container.Spec(), Open: container.Open, Sweep: container.SweepSteps},
		{Spec: process.Spec(), Open: process.Open, Sweep: process.SweepSteps},
		{Spec: kube.Spec(), Open: kube.Open, Sweep: kube.SweepSteps},
	}
}

// Specs are the specs of every runtime, for scenario validation.
func Specs() []subject.RuntimeSpec {
	table := Table()
	specs := make([]subject.RuntimeSpec, len(table))
	for i, rt := range table {
		specs[i] = rt.Spec
	}
	return specs
}
