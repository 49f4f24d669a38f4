package report

import (
	"fmt"
	"sort"

	"github.com/jsbench/jsbench/bench/analyze/stats"
)

// MatrixVerdict says which storage survives every failure the scenario
// asks for, within its RTO, and which of those is fastest — unless the
// fastest cannot be told apart from the next, when none is named.
type MatrixVerdict struct {
	// Survivors are the storages that recovered from every failover of
	// every class asked for, every run within the RTO, fastest first by
	// Figure: the median time to fully up of their slowest such failover.
	Survivors []Survivor `json:"survivors"`
	// Winner is the fastest survivor, "" when there is none or it is
	// indistinguishable from another (Tied).
	Winner string   `json:"winner,omitempty"`
	Tied   []string `json:"indistinguishable,omitempty"`
	// Fallen are the storages that do not survive, each with why.
	Fallen []Fallen `json:"fallen,omitempty"`
}

// Survivor is a storage that survives every failure asked for.
type Survivor struct {
	Volume string `json:"volume"`
	// Deciding is the failover whose median time to fully up is the
	// storage's slowest among those asked for; Figure its summary.
	Deciding string        `json:"deciding"`
	Figure   stats.Summary `json:"figure"`
	// Difference against the fastest survivor; nil for that one.
	Difference *stats.Difference `json:"difference,omitempty"`
	// DataLossMaxS is the most a restore lost in any failover asked for.
	DataLossMaxS float64 `json:"data_loss_max_s,omitempty"`
}

// Fallen is a storage that does not survive a failure asked for.
type Fallen struct {
	Volume string `json:"volume"`
	Why    string `json:"why"`
}

// judge ranks the storages by what the controller must survive.
func (m *Matrix) judge() MatrixVerdict {
	var v MatrixVerdict
	for _, row := range m.Rows {
		s, why := m.survivor(row)
		if why != "" {
			v.Fallen = append(v.Fallen, Fallen{Volume: row.Volume, Why: why})
			continue
		}
		v.Survivors = append(v.Survivors, s)
	}
	sort.SliceStable(v.Survivors, func(i, j int) bool {
		return v.Survivors[i].Figure.MedianMS < v.Survivors[j].Figure.MedianMS
	})
	if len(v.Survivors) == 0 {
		return v
	}
	best := v.Survivors[0]
	for i := 1; i < len(v.Survivors); i++ {
		d := stats.Distinguish(best.Figure, v.Survivors[i].Figure, nil)
		v.Survivors[i].Difference = &d
		if !d.Distinct {
			v.Tied = append(v.Tied, v.Survivors[i].Volume)
		}
	}
	if len(v.Tied) == 0 {
		v.Winner = best.Volume
	}
	return v
}

// survivor says whether a storage survives every class asked for: each
// class measured, every run of every failover of it recovered within the
// RTO. It returns the storage's slowest such failover, or why not.
func (m *Matrix) survivor(row Row) (Survivor, string) {
	s := Survivor{Volume: row.Volume}
	for _, class := range m.Survive {
		cols := m.columnsOf(class)
		if len(cols) == 0 {
			return s, fmt.Sprintf("%s loss not measured", class)
		}
		for _, i := range cols {
			c, col := row.Cells[i], m.Columns[i]
			switch {
			case !c.Measured() && c.UnmeasuredReason != "":
				return s, fmt.Sprintf("%s not measured: %s", col.Label, c.UnmeasuredReason)
			case !c.Measured():
				return s, fmt.Sprintf("%s not measured", col.Label)
			case c.NotRecovered > 0:
				return s, fmt.Sprintf("does not recover from %s: %s", col.Label, c.Reason)
			case !c.Survived():
				return s, fmt.Sprintf("%d of %d runs of %s failed: %s", c.Total-c.OK, c.Total, col.Label, c.Reason)
			case m.RTOMS > 0 && c.Figure.MaxMS > m.RTOMS:
				return s, fmt.Sprintf("%s took up to %s, beyond the RTO of %s", col.Label, durationText(c.Figure.MaxMS), durationText(m.RTOMS))
			}
			if c.Figure.MedianMS > s.Figure.MedianMS {
				s.Deciding, s.Figure = col.Label, c.Figure
			}
			s.DataLossMaxS = max(s.DataLossMaxS, c.DataLossMaxS)
		}
	}
	return s, ""
}
