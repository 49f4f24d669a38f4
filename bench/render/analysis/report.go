// Package analysis turns parsed Jenkins logs (bench/observe/jenkinslog results)
// into the report `jsbench analyze` shows: per log its restart history
// (when each start began, how the one before ended, how long Jenkins was
// down), per start kept whole its phases, events and failure, and with
// several logs a side-by-side comparison. It builds one model and
// renders it as text, JSON or a self-contained HTML page; like the
// parser it opens no file and reads no clock. Its size is bounded by
// the parser's: a log of a million starts is summarised, never listed.
package analysis

import (
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// Schema names the version of the JSON report.
// v2: starts are bounded (start_count, history), each says how it ended.
const Schema = "jsbench.analysis/v2"

// stampLayout prints log times with their own offset, to the millisecond.
const stampLayout = "2006-01-02 15:04:05.000 -0700"

// Log is one parsed log and the name to show for it.
type Log struct {
	Name   string
	Result jenkinslog.Result
}

// Report is the model both renderers print. Durations are milliseconds
// (fields ending in _ms); instants are log times as RFC 3339.
type Report struct {
	Schema     string   `json:"schema"`
	Files      []File   `json:"files"`
	Comparison []Column `json:"comparison,omitempty"`
}

// File is one log.
type File struct {
	Name  string `json:"file"`
	Lines int    `json:"lines"`
	// Zone is the zone assumed for timestamps without an offset, empty
	// when the log has none.
	Zone     string    `json:"assumed_zone,omitempty"`
	Warnings []Warning `json:"warnings,omitempty"`
	// StartCount is the number of starts in the log; Starts holds the
	// first and last ones (jenkinslog.DefaultKeepStarts of each) whole.
	StartCount int     `json:"start_count"`
	History    History `json:"history"`
	Starts     []Start `json:"starts"`
}

// Start is one start of Jenkins in a log.
type Start struct {
	Number         int        `json:"number"`
	FirstLine      int        `json:"first_line"`
	LastLine       int        `json:"last_line"`
	Version        string     `json:"version,omitempty"`
	Origin         *time.Time `json:"origin,omitempty"`
	OriginReceived *time.Time `json:"origin_received,omitempty"`
	// Clock names what the start was timed by (jenkins, timestamps,
	// json-file, journal) and ClockResolutionNS its resolution.
	Clock             string     `json:"clock,omitempty"`
	ClockResolutionNS int64      `json:"clock_resolution_ns,omitempty"`
	FullyUp           bool       `json:"fully_up"`
	FullyUpAt         *time.Time `json:"fully_up_at,omitempty"`
	FullyUpMS         *float64   `json:"fully_up_ms,omitempty"`
	// TotalMS is where the last phase ends: fully up, or the last event.
	TotalMS      float64   `json:"total_ms"`
	Phases       []Phase   `json:"phases"`
	Events       []Event   `json:"events"`
	Failure      *Failure  `json:"failure,omitempty"`
	SlowestTasks []Task    `json:"slowest_tasks,omitempty"`
	Warnings     []Warning `json:"warnings,omitempty"`
	// LastLineAt is when the start's last timestamped line was written.
	LastLineAt *time.Time `json:"last_line_at,omitempty"`
	Ended      Ending     `json:"ended"`
	// Reinits counts the init reactor's later runs in the same JVM
	// (plugins installed without a restart, reloads), no new starts.
	Reinits         int `json:"reinits,omitempty"`
	FirstReinitLine int `json:"first_reinit_line,omitempty"`
}

// Phase is one interval of a start, from its origin.
type Phase struct {
	Name       string  `json:"name"`
	StartMS    float64 `json:"start_ms"`
	EndMS      float64 `json:"end_ms"`
	DurationMS float64 `json:"duration_ms"`
	Skipped    bool    `json:"skipped,omitempty"`
}

// Event is one milestone of a start.
type Event struct {
	Name     string     `json:"name"`
	Line     int        `json:"line"`
	OffsetMS float64    `json:"offset_ms"`
	Time     *time.Time `json:"time,omitempty"`
	Received *time.Time `json:"received,omitempty"`
	Outer    *time.Time `json:"outer,omitempty"`
	Message  string     `json:"message"`
}

// Failure says why a start did not come up.
type Failure struct {
	Signature string   `json:"signature"`
	Reason    string   `json:"reason"`
	Exception string   `json:"exception,omitempty"`
	Severe    []string `json:"severe,omitempty"`
	LastLines []string `json:"last_lines,omitempty"`
}

// Task is one timed startup task.
type Task struct {
	Name       string  `json:"name"`
	DurationMS float64 `json:"duration_ms"`
}

// Warning is a doubt about the figures, with its line (0: the whole log).
type Warning struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Column is one log in the comparison: its chosen start's fully-up time
// and phase durations.
type Column struct {
	File      string             `json:"file"`
	Start     int                `json:"start"`
	FullyUpMS *float64           `json:"fully_up_ms,omitempty"`
	Failure   string             `json:"failure,omitempty"` // the signature when not fully up
	PhasesMS  map[string]float64 `json:"phases_ms"`
}

// Build makes the report of logs; with two logs or more it adds the
// comparison.
func Build(logs []Log) Report {
	r := Report{Schema: Schema, Files: []File{}}
	for _, l := range logs {
		r.Files = append(r.Files, buildFile(l))
	}
	if len(r.Files) > 1 {
		r.Comparison = compare(r.Files)
	}
	return r
}

func buildFile(l Log) File {
	r := l.Result
	f := File{Name: l.Name, Lines: r.Lines, Zone: r.Zone, StartCount: r.StartCount, Starts: []Start{}}
	f.Warnings = warnings(r.Warnings)
	f.History = buildHistory(r.History)
	for _, s := range r.Starts {
		f.Starts = append(f.Starts, buildStart(s))
	}
	return f
}

func buildStart(s jenkinslog.Start) Start {
	out := Start{
		Number: s.Number, FirstLine: s.FirstLine, LastLine: s.LastLine, Version: s.Version, FullyUp: s.FullyUp,
		Origin: instant(s.Origin), OriginReceived: instant(s.OriginReceived),
		Clock: s.Clock.Source, ClockResolutionNS: int64(s.Clock.Resolution),
		Phases: []Phase{}, Events: []Event{}, Warnings: warnings(s.Warnings),
		LastLineAt: instant(s.End), Ended: Ending(s.Ended), Reinits: s.Reinits, FirstReinitLine: s.FirstReinitLine,
	}
	for _, p := range s.Phases {
		out.Phases = append(out.Phases, Phase{Name: p.Name, StartMS: p.StartMS, EndMS: p.EndMS, DurationMS: p.DurationMS, Skipped: p.Skipped})
		out.TotalMS = p.EndMS
	}
	for _, e := range s.Events {
		out.Events = append(out.Events, Event{Name: e.Name, Line: e.Line, OffsetMS: e.OffsetMS,
			Time: instant(e.Time), Received: instant(e.Received), Outer: instant(e.Outer), Message: e.Message})
		if e.Name == jenkinslog.FullyUp {
			ms := e.OffsetMS
			out.FullyUpAt, out.FullyUpMS = instant(s.FullyUpAt), &ms
		}
	}
	for _, t := range s.SlowestTasks {
		out.SlowestTasks = append(out.SlowestTasks, Task(t))
	}
	if f := s.Failure; f != nil {
		out.Failure = &Failure{Signature: f.Signature, Reason: f.Reason, Exception: f.Exception, Severe: f.Severe, LastLines: f.LastLines}
	}
	return out
}

func warnings(ws []jenkinslog.Warning) []Warning {
	var out []Warning
	for _, w := range ws {
		out = append(out, Warning(w))
	}
	return out
}

// instant keeps a non-zero time.
func instant(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// compare picks one start per file, the last that reached fully up, else
// the last one, and lines up its figures.
func compare(files []File) []Column {
	var cols []Column
	for _, f := range files {
		col := Column{File: f.Name, PhasesMS: map[string]float64{}}
		if s := chosen(f); s != nil {
			col.Start, col.FullyUpMS = s.Number, s.FullyUpMS
			if s.Failure != nil {
				col.Failure = s.Failure.Signature
			}
			for _, p := range s.Phases {
				col.PhasesMS[p.Name] = p.DurationMS
			}
		}
		cols = append(cols, col)
	}
	return cols
}

func chosen(f File) *Start {
	for i := len(f.Starts) - 1; i >= 0; i-- {
		if f.Starts[i].FullyUp {
			return &f.Starts[i]
		}
	}
	if n := len(f.Starts); n > 0 {
		return &f.Starts[n-1]
	}
	return nil
}
