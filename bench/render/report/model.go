package report

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/analyze/noise"
	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// Model is what every format renders: the summaries of the results, the
// verdict against a baseline when there is one, and the warnings met while
// reading the input.
type Model struct {
	Summaries []stats.Summary  `json:"summaries"`
	Verdict   *compare.Verdict `json:"verdict,omitempty"`
	Warnings  []string         `json:"warnings,omitempty"`
	// Config holds key: value lines describing where the results come
	// from (goos, goarch, cpu, …), written at the top of Go benchmark text.
	Config []ConfigLine `json:"config,omitempty"`
	// Paired compares each volume with its scenario's reference volume,
	// iteration by iteration (see stats.Paired).
	Paired []stats.Pairing `json:"paired,omitempty"`
	// Host judges each run's host: busy or quiet, and why (bench/analyze/noise).
	Host noise.Assessment `json:"host"`
	// Records are the runs the summaries were made from, for formats
	// that list single runs (the HTML page shows each failure with its
	// log). They are not part of the JSON summary: results.jsonl holds them.
	Records []results.Record `json:"-"`
	// Recommendations say, per scenario, which storage to choose: the
	// fastest durable option, ceilings shown apart (see Recommendation).
	Recommendations []Recommendation `json:"recommendations,omitempty"`
	// Matrices are the recovery matrices of the scenarios with failovers:
	// storage × failure, and the storage that survives what it must.
	Matrices []Matrix `json:"recovery_matrices,omitempty"`
	// Calibrations compare each calibrated scenario's simulated start
	// with the log it was calibrated from.
	Calibrations []Calibration `json:"calibrations,omitempty"`
}

// ConfigLine is one "key: value" line of Go benchmark text.
type ConfigLine struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Renderer writes a Model in one format.
type Renderer func(w io.Writer, m Model) error

// Build summarizes current and, when baseline is not nil, compares
// current against it.
func Build(current, baseline []results.Record, opts compare.Options) Model {
	m := Model{Summaries: stats.Summarize(current, stats.Options{}), Records: current,
		Paired: stats.Paired(current), Host: noise.Assess(current)}
	m.Recommendations = recommend(m.Summaries, current, m.Paired)
	m.Calibrations = calibrations(m.Recommendations, m.Summaries, current)
	m.Matrices = matrices(m.Summaries, current)
	if baseline != nil {
		v := compare.Compare(baseline, current, opts)
		m.Verdict = &v
	}
	return m
}

// JSON writes the Model as indented JSON.
func JSON(w io.Writer, m Model) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	return nil
}

// ms formats milliseconds with as many digits as a person reads.
func ms(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 1:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// ciText renders a summary's interval, or "–" when it has none.
func ciText(s stats.Summary) string {
	if s.CIMethod == "" {
		return "–"
	}
	return "[" + ms(s.CILowMS) + ", " + ms(s.CIHighMS) + "]"
}

// unfinished counts the runs of a summary's scenario × volume that did
// not finish.
func unfinished(s stats.Summary) int { return s.Failed + s.TimedOut + s.Errors }

// rowByKey indexes a verdict's rows.
func rowByKey(v *compare.Verdict) map[stats.Key]compare.Row {
	m := map[stats.Key]compare.Row{}
	if v != nil {
		for _, r := range v.Rows {
			m[r.Key] = r
		}
	}
	return m
}

// changeText renders a row's change and its interval.
func changeText(r compare.Row) string {
	if r.Status == compare.StatusUnusable {
		return "–"
	}
	return fmt.Sprintf("%+.1f%% [%+.1f, %+.1f]", r.ChangePct, r.ChangeCILowPct, r.ChangeCIHighPct)
}
