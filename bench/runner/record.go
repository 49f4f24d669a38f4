package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/jsbench/jsbench/bench/jenkinslog"
	"github.com/jsbench/jsbench/bench/results"
)

// phasePreJVM is the harness-measured phase from the subject's start to
// its first line of output: container start, entrypoint script, JVM start.
const phasePreJVM = "pre_jvm"

// reconcile reads the whole log once more after the fact: the stream may
// have lost a line, the full read cannot. Phases are taken from the full
// read; lines the stream lost become a warning.
func (o *observation) reconcile(ctx context.Context, inst Instance) {
	lines, err := inst.FullLog(ctx)
	if err != nil {
		o.warnings = append(o.warnings, fmt.Sprintf("read full log: %v; phases taken from the stream", err))
		return
	}
	p := jenkinslog.NewParser(jenkinslog.Options{})
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
	fillTimings(rec, start, startedAt, origin)
	if !o.httpReady.IsZero() {
		rec.HTTPReadyMS = ms(o.httpReady.Sub(startedAt))
	}
	if rec.Status == results.StatusOK && rec.RestoreMS > 0 {
		rec.RecoveryMS = rec.RestoreMS + rec.ReadyMS
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
	for _, e := range start.Events {
		ev := results.Event{Name: e.Name, LogOffsetMS: e.OffsetMS, Message: e.Message}
		if !e.Received.IsZero() {
			ev.OffsetMS = ms(e.Received.Sub(startedAt))
		}
		rec.Events = append(rec.Events, ev)
		if e.Name == jenkinslog.FullyUp {
			rec.ReadyMS, rec.LogReadyMS = ev.OffsetMS, e.OffsetMS
		}
	}
	if origin.IsZero() {
		origin = startedAt
	}
	var pre float64
	if !start.OriginReceived.IsZero() {
		from := ms(origin.Sub(startedAt))
		pre = from + max(ms(start.OriginReceived.Sub(origin)), 0)
		rec.Phases = append(rec.Phases, results.Phase{Name: phasePreJVM, StartMS: from, DurationMS: pre - from})
	}
	for _, p := range start.Phases {
		rec.Phases = append(rec.Phases, results.Phase{Name: p.Name, StartMS: pre + p.StartMS, DurationMS: p.DurationMS, Skipped: p.Skipped})
	}
}
