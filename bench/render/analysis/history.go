package analysis

import (
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// History is a log's restart history: totals over every start, the
// first and last starts (jenkinslog.HistoryRows of each) and the longest
// outages.
type History struct {
	Starts  int `json:"starts"`
	FullyUp int `json:"fully_up"`
	Failed  int `json:"failed"`
	// Ended counts the starts by how they ended: stopped (a shutdown
	// line), failed, killed (no shutdown line before the next start),
	// rebooted, log_ended.
	Ended   map[string]int `json:"ended"`
	Reinits int            `json:"reinits,omitempty"`
	// Gap is the time between starts: from the last timestamped line of
	// one to the first of the next.
	Gap Durations `json:"gap"`
	// Down is each outage: from the last line of a start that was fully
	// up to the next fully up, failed starts between included.
	Down    Durations `json:"down"`
	First   []Restart `json:"first"`
	Last    []Restart `json:"last,omitempty"`
	Longest []Restart `json:"longest_down,omitempty"`
}

// Durations summarises gaps or outages; the median is approximate
// (±2.2 %) beyond 4,096 of them.
type Durations struct {
	N           int     `json:"n"`
	TotalMS     float64 `json:"total_ms"`
	MaxMS       float64 `json:"max_ms"`
	MedianMS    float64 `json:"median_ms"`
	Approximate bool    `json:"median_approximate,omitempty"`
}

// Restart is one start in the history: when it began, how the one
// before ended, and the gap, outage and time since the previous fully
// up that end with it.
type Restart struct {
	Start         int        `json:"start"`
	FirstLine     int        `json:"first_line"`
	Began         *time.Time `json:"began,omitempty"`
	FullyUp       bool       `json:"fully_up"`
	FullyUpMS     *float64   `json:"fully_up_ms,omitempty"`
	Failure       string     `json:"failure,omitempty"`
	PreviousEnded *Ending    `json:"previous_ended,omitempty"`
	Ended         Ending     `json:"ended"`
	GapMS         *float64   `json:"gap_ms,omitempty"`
	DownMS        *float64   `json:"down_ms,omitempty"`
	UpToUpMS      *float64   `json:"up_to_up_ms,omitempty"`
	Reinits       int        `json:"reinits,omitempty"`
}

// Ending is how a start ended, with the line that shows it.
type Ending struct {
	How     string `json:"how"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message,omitempty"`
}

func buildHistory(h jenkinslog.History) History {
	out := History{Starts: h.Starts, FullyUp: h.FullyUp, Failed: h.Failed, Ended: h.Ended, Reinits: h.Reinits,
		Gap: Durations(h.Gap), Down: Durations(h.Down), First: restarts(h.First), Last: restarts(h.Last), Longest: restarts(h.Longest)}
	if out.Ended == nil {
		out.Ended = map[string]int{}
	}
	if out.First == nil {
		out.First = []Restart{}
	}
	return out
}

func restarts(rs []jenkinslog.Restart) []Restart {
	var out []Restart
	for _, r := range rs {
		x := Restart{Start: r.Number, FirstLine: r.FirstLine, Began: instant(r.Began), FullyUp: r.FullyUp, FullyUpMS: r.FullyUpMS,
			Failure: r.Failure, Ended: Ending(r.Ended), GapMS: r.GapMS, DownMS: r.DownMS, UpToUpMS: r.UpToUpMS, Reinits: r.Reinits}
		if r.Previous.How != "" {
			prev := Ending(r.Previous)
			x.PreviousEnded = &prev
		}
		out = append(out, x)
	}
	return out
}

// Listed tells whether the history lists every start.
func (h History) Listed() bool { return len(h.First)+len(h.Last) >= h.Starts }
