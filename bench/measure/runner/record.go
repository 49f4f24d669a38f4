package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/contract"
)

// Phases measured before the log's first timestamp, on the harness's
// clock (or Docker's, which stamps the lines). jenkinslog.Launcher, from
// "Running from:" to the first timestamped line, follows PhaseEntrypoint.
const (
	// PhaseEntrypoint runs from the subject's start (container start or
	// process exec) to "Running from:": the pre-Java phase, where the
	// official image's jenkins.sh copies $REF into the home, and the
	// JVM's own start.
	PhaseEntrypoint = "entrypoint"
	// PhasePreJVM, from the start to the first line of output, stands for
	// entrypoint and launcher when the log has no "Running from:" line.
	PhasePreJVM = "pre_jvm"
)

// reconcile reads the whole log once more after the fact: the stream may
// have lost a line, the full read cannot. Phases are taken from the full
// read; lines the stream lost become a warning.
func (o *observation) reconcile(ctx context.Context, inst contract.Instance) {
	lines, err := inst.FullLog(ctx)
	if err != nil {
		o.warnings = append(o.warnings, fmt.Sprintf("read full log: %v; phases taken from the stream", err))
		return
	}
	p := jenkinslog.NewParser(parseOptions(inst))
	for _, l := range lines {
		p.Feed(l)
	}
	res := p.Result()
	o.fullLog = &res
	switch missed := missedLines(lines, o.last, o.streamed); {
	case missed < 0:
		o.warnings = append(o.warnings, "the last streamed line is not in the full log; phases taken from the full log")
	case missed > 0:
		o.warnings = append(o.warnings, fmt.Sprintf("the stream missed %d lines; phases taken from the full log", missed))
	}
}

// missedLines counts the lines the stream lost before its last line: the
// position of that line in the full log less the lines streamed, or -1
// when the full log does not hold it. The stream stops at readiness, so
// the full log may go on after it.
func missedLines(full []jenkinslog.Line, last jenkinslog.Line, streamed int) int {
	if streamed == 0 {
		return 0
	}
	for i := streamed - 1; i < len(full); i++ {
		if full[i].Text == last.Text && full[i].Received.Equal(last.Received) {
			return i + 1 - streamed
		}
	}
	return -1
}

// fill writes what was observed into rec. Offsets by the harness's clock
// count from startedAt; log offsets from the log's first timestamp.
// origin, when not zero, is when the controller's process started, later
// than startedAt on a platform with steps of its own (Kubernetes).
func (o *observation) fill(rec *results.Record, startedAt, origin time.Time) {
	rec.Status, rec.Reason = o.status, o.reason
	rec.StreamedLines = o.streamed
	rec.Warnings = append(rec.Warnings, o.warnings...)
	res := o.result()
	rec.LogLines = res.Lines
	for _, w := range res.Warnings {
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("log line %d: %s", w.Line, w.Message))
	}
	if rec.Status != results.StatusOK {
		rec.LastLines = o.tail
	}
	if len(res.Starts) == 0 {
		return
	}
	start := res.Starts[len(res.Starts)-1]
	rec.Subject.JenkinsVersion = start.Version
	if rec.Status != results.StatusOK && start.Failure != nil {
		classify(rec, *start.Failure)
	}
	fillTimings(rec, start, startedAt, origin)
	if !o.httpReady.IsZero() {
		rec.HTTPReadyMS = ms(o.httpReady.Sub(startedAt))
	}
	if rec.Status == results.StatusOK && rec.RestoreMS > 0 {
		rec.RecoveryMS = rec.RestoreMS + rec.ReadyMS
	}
}

// classify records what the log says of a failed start: its signature
// and, where there is one, the fix, which the reason names.
func classify(rec *results.Record, f jenkinslog.Failure) {
	rec.FailureSignature = f.Signature
	if fix := jenkinslog.Remedy(f.Signature); fix != "" {
		rec.Reason += " [" + f.Signature + ": " + fix + "]"
	}
}

// result prefers the full log's parse to the stream's.
func (o *observation) result() jenkinslog.Result {
	if o.fullLog != nil {
		return *o.fullLog
	}
	return o.parser.Result()
}

func fillTimings(rec *results.Record, start jenkinslog.Start, startedAt, origin time.Time) {
	var runningFrom *jenkinslog.Event
	for i, e := range start.Events {
		ev := results.Event{Name: e.Name, LogOffsetMS: e.OffsetMS, Message: e.Message}
		if !e.Received.IsZero() {
			ev.OffsetMS = ms(e.Received.Sub(startedAt))
		}
		rec.Events = append(rec.Events, ev)
		switch e.Name {
		case jenkinslog.FullyUp:
			rec.ReadyMS, rec.LogReadyMS = ev.OffsetMS, e.OffsetMS
		case jenkinslog.RunningFrom:
			if !e.Received.IsZero() {
				runningFrom = &start.Events[i]
			}
		}
	}
	if c := start.Clock; c.Source != "" {
		rec.Clock = &results.Clock{Source: c.Source, ResolutionNS: int64(c.Resolution)}
	}
	pre := preLogPhases(rec, start, runningFrom, startedAt, origin)
	for _, p := range start.Phases {
		rec.Phases = append(rec.Phases, results.Phase{Name: p.Name, StartMS: pre + p.StartMS, DurationMS: p.DurationMS, Skipped: p.Skipped})
	}
}

// preLogPhases appends the phases before the log's first timestamp and
// returns where they end: entrypoint and launcher around "Running from:",
// or pre_jvm up to the first line when the log has none. They begin at
// origin, the start of the controller's process: startedAt itself, or
// later on a platform whose own steps come first (Kubernetes).
func preLogPhases(rec *results.Record, start jenkinslog.Start, runningFrom *jenkinslog.Event, startedAt, origin time.Time) float64 {
	if origin.IsZero() {
		origin = startedAt
	}
	from := max(0, ms(origin.Sub(startedAt)))
	if runningFrom != nil {
		entry := max(0, ms(runningFrom.Received.Sub(origin)))
		launcher := max(0, -runningFrom.OffsetMS)
		rec.Phases = append(rec.Phases,
			results.Phase{Name: PhaseEntrypoint, StartMS: from, DurationMS: entry},
			results.Phase{Name: jenkinslog.Launcher, StartMS: from + entry, DurationMS: launcher})
		return from + entry + launcher
	}
	if start.OriginReceived.IsZero() {
		return from
	}
	pre := ms(start.OriginReceived.Sub(origin))
	if pre < 0 {
		// A results file refuses negative durations: say so, count 0.
		rec.Warnings = append(rec.Warnings, fmt.Sprintf("first output %.3f ms before the start by the harness's clock: pre_jvm counted as 0", -pre))
		pre = 0
	}
	rec.Phases = append(rec.Phases, results.Phase{Name: PhasePreJVM, StartMS: from, DurationMS: pre})
	return from + pre
}
