// Package tally judges a measuring session from the runs it recorded: how
// many were measured, which volumes failed in part or in whole, and the
// one-line verdict that `jsbench run` ends with and maps to its exit
// status. It sits after bench/measure/runner, beside bench/render/report, and is pure:
// records in, a Tally out.
package tally

import (
	"fmt"
	"strings"

	"github.com/jsbench/jsbench/bench/record/results"
)

// Status is what a session amounts to.
type Status int

// Statuses of a session, from best to worst.
const (
	// AllMeasured: every run got up and was measured.
	AllMeasured Status = iota
	// SomeFailed: some runs, or whole volumes, failed; others measured.
	SomeFailed
	// NothingMeasured: no run was measured (every one failed, or none ran).
	NothingMeasured
)

// volumesListed bounds the failing volumes the verdict names one by one.
const volumesListed = 3

// Volume counts the runs of one scenario × volume.
type Volume struct {
	Scenario, Name string
	// Runs are all recorded runs, warmups included; Measured the
	// successful runs that count (not warmups); Failed those that did not
	// get up, whatever their status.
	Runs, Measured, Failed int
	// Warmups counts the warmup runs that got up: recorded, not counted.
	Warmups int
	// NotRecovered counts the failover runs whose controller the cluster
	// could not bring back on this storage (results.OutcomeNotRecovered):
	// measured, since that is the storage's answer, not a failed run.
	NotRecovered int
	// FirstFailure is the reason of the first failed run.
	FirstFailure string
}

// Tally is the judgment of a session.
type Tally struct {
	Status                          Status
	Runs, Measured, Failed, Warmups int
	// NotRecovered counts the measured failovers that did not recover.
	NotRecovered int
	// Volumes lists every scenario × volume, in order of first record.
	Volumes []Volume
	// Scenarios counts the distinct scenarios among Volumes.
	Scenarios int
}

// Of counts the records of a session.
func Of(records []results.Record) Tally {
	var t Tally
	index := map[[2]string]int{}
	scenarios := map[string]bool{}
	for _, r := range records {
		scenarios[r.Scenario] = true
		key := [2]string{r.Scenario, r.Volume.Name}
		i, ok := index[key]
		if !ok {
			i = len(t.Volumes)
			index[key] = i
			t.Volumes = append(t.Volumes, Volume{Scenario: r.Scenario, Name: r.Volume.Name})
		}
		t.Volumes[i].add(r)
	}
	for _, v := range t.Volumes {
		t.Runs += v.Runs
		t.Measured += v.Measured
		t.Failed += v.Failed
		t.Warmups += v.Warmups
		t.NotRecovered += v.NotRecovered
	}
	t.Scenarios = len(scenarios)
	switch {
	case t.Measured == 0:
		t.Status = NothingMeasured
	case t.Failed > 0:
		t.Status = SomeFailed
	}
	return t
}

func (v *Volume) add(r results.Record) {
	v.Runs++
	switch {
	case r.Failover != nil && r.Failover.Outcome == results.OutcomeNotRecovered:
		v.NotRecovered++
		if !r.Warmup {
			v.Measured++
		}
	case r.Status != results.StatusOK:
		v.Failed++
		if v.FirstFailure == "" {
			v.FirstFailure = failure(r)
		}
	case !r.Warmup:
		v.Measured++
	default:
		v.Warmups++
	}
}

// reasonRunes bounds the reason a verdict quotes; the record keeps it whole.
const reasonRunes = 100

// failure says in a few words why a run did not get up.
func failure(r results.Record) string {
	if r.Reason == "" {
		return r.Status
	}
	reason := []rune(r.Reason)
	if len(reason) > reasonRunes {
		reason = append(reason[:reasonRunes], '…')
	}
	return r.Status + ": " + string(reason)
}

// Line is the verdict in one line, naming the volumes that failed.
func (t Tally) Line() string {
	volumes := fmt.Sprintf("%d volume%s", len(t.Volumes), plural(len(t.Volumes)))
	if t.Scenarios > 1 {
		volumes = fmt.Sprintf("%d scenario × volume pairs", len(t.Volumes))
	}
	switch t.Status {
	case AllMeasured:
		return fmt.Sprintf("verdict: ok: %d of %d runs measured on %s%s%s", t.Measured, t.Runs, volumes, t.warmups(), t.notRecovered())
	case SomeFailed:
		return fmt.Sprintf("verdict: %d of %d runs failed (%s); %d measured%s", t.Failed, t.Runs, t.failing(), t.Measured, t.notRecovered())
	}
	if t.Runs == 0 {
		return "verdict: nothing measured: no run was recorded"
	}
	return fmt.Sprintf("verdict: nothing measured: %d of %d runs failed (%s)", t.Failed, t.Runs, t.failing())
}

// warmups says how many of the runs were warmups, which are not counted.
func (t Tally) warmups() string {
	if t.Warmups == 0 {
		return ""
	}
	return fmt.Sprintf(" (the other %d: warmup%s, not counted)", t.Warmups, plural(t.Warmups))
}

// notRecovered says how many measured failovers did not recover.
func (t Tally) notRecovered() string {
	if t.NotRecovered == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d failover%s did not recover: the storage's answer, in the recovery matrix)", t.NotRecovered, plural(t.NotRecovered))
}

// failing names the volumes with failed runs, in the order they ran.
func (t Tally) failing() string {
	var parts []string
	for _, v := range t.Volumes {
		if v.Failed == 0 {
			continue
		}
		if len(parts) == volumesListed {
			parts = append(parts, "…")
			break
		}
		what := fmt.Sprintf("%d of %d", v.Failed, v.Runs)
		if v.Failed == v.Runs {
			what = "all " + fmt.Sprint(v.Runs)
		}
		parts = append(parts, fmt.Sprintf("%s/%s: %s failed, first %s", v.Scenario, v.Name, what, v.FirstFailure))
	}
	return strings.Join(parts, "; ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
