package calibrate

import (
	"errors"
	"fmt"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// ErrNoFullStart means the log has no start that reached "fully up": it
// cannot say how long a start takes.
var ErrNoFullStart = errors.New("no start in the log reached fully up")

// Phase is a named duration in milliseconds.
type Phase struct {
	Name       string
	DurationMS float64
}

// Source is what a real log says of one start on local disk.
type Source struct {
	// Name is the log as the scenario names it.
	Name    string
	Version string
	// Phases are the start's phases in log order, from its first
	// timestamped line to fully up; FullyUpMS is their sum.
	Phases    []Phase
	FullyUpMS float64
	// BeforeLogMS is how long the JVM ran before the first record, when
	// Jetty's uptime figure says it; 0 otherwise.
	BeforeLogMS float64
	// ExtractionSkipped tells that Winstone found the webroot up to date:
	// the log is of a restart.
	ExtractionSkipped bool
	// Clock is what the start was timed by.
	Clock jenkinslog.Clock
}

// FromLog takes the last start of a parsed log that reached fully up.
func FromLog(name string, res jenkinslog.Result) (Source, error) {
	for i := len(res.Starts) - 1; i >= 0; i-- {
		if s := res.Starts[i]; s.FullyUp {
			return fromStart(name, s), nil
		}
	}
	return Source{}, fmt.Errorf("calibrate from %q: %w (%d starts read); give the log of a start that got up", name, ErrNoFullStart, len(res.Starts))
}

func fromStart(name string, s jenkinslog.Start) Source {
	src := Source{Name: name, Version: s.Version, Clock: s.Clock}
	for _, p := range s.Phases {
		src.Phases = append(src.Phases, Phase{Name: p.Name, DurationMS: p.DurationMS})
		src.FullyUpMS += p.DurationMS
		if p.Name == jenkinslog.WarExtraction && p.Skipped {
			src.ExtractionSkipped = true
		}
	}
	if s.Uptime != nil {
		src.BeforeLogMS = s.Uptime.BeforeLogMS()
	}
	return src
}
