package report

import (
	"sort"
	"strings"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/plan/subject"
	"github.com/jsbench/jsbench/bench/record/results"
)

// failoverInfix separates a scenario's name from a failover's label in
// the scenario name of a failover's records (runner.FailoverScenario).
const failoverInfix = ".failover-"

// Matrix is a scenario's recovery matrix: for each storage (row) and
// each way of losing the controller (column), the time until the
// replacement was fully up, "does not recover", or the data a restore
// lost; and which storage survives every failure the scenario asks for.
type Matrix struct {
	Scenario string          `json:"scenario"`
	Subject  results.Subject `json:"subject"`
	// Survive are the failure classes the scenario asks the controller
	// to survive (all those measured when it names none), RTOMS within
	// what time (0: none).
	Survive []string `json:"survive"`
	RTOMS   float64  `json:"rto_ms,omitempty"`
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	// Timers are the cluster's timers the failovers were measured under.
	Timers map[string]string `json:"timers,omitempty"`
	// Verdict is the storage to choose for what the controller must
	// survive.
	Verdict MatrixVerdict `json:"verdict"`
}

// Column is one failover of the scenario.
type Column struct {
	// Label is the failover's label ("node-loss-force-delete-10s"),
	// Scenario the scenario name of its records.
	Label    string `json:"label"`
	Scenario string `json:"scenario"`
	Action   string `json:"action"`
	// Class is the failure class it stands for (pod, node, zone).
	Class    string  `json:"class"`
	Recovery string  `json:"recovery,omitempty"`
	AfterS   float64 `json:"after_s,omitempty"`
}

// Row is one storage of the scenario.
type Row struct {
	Volume string `json:"volume"`
	Kind   string `json:"kind"`
	Cells  []Cell `json:"cells"`
}

// Cell is one storage × failover.
type Cell struct {
	// OK of Total measured runs recovered; NotRecovered of them could
	// not (Reason says why, from the first).
	OK           int    `json:"ok"`
	Total        int    `json:"total"`
	NotRecovered int    `json:"not_recovered,omitempty"`
	Reason       string `json:"reason,omitempty"`
	// Unmeasured counts the runs whose loss could not be caused (no
	// other node to take the controller, a power command that failed),
	// UnmeasuredReason says why; they are not in Total.
	Unmeasured       int    `json:"unmeasured,omitempty"`
	UnmeasuredReason string `json:"unmeasured_reason,omitempty"`
	// Figure is the time to fully up of the recovered runs, from the
	// moment the controller was lost.
	Figure stats.Summary `json:"figure"`
	// Restored counts the runs whose restore init container restored the
	// backup (the home did not survive); DataLossExpectedS and
	// DataLossMaxS are what each such restore lost (the backup's age).
	Restored          int     `json:"restored,omitempty"`
	DataLossExpectedS float64 `json:"data_loss_expected_s,omitempty"`
	DataLossMaxS      float64 `json:"data_loss_max_s,omitempty"`
	// Phases are the median of each platform and Jenkins phase of the
	// recovered runs with its share of the median time to fully up.
	Phases []PhaseShare `json:"phases,omitempty"`
	// Nodes are the nodes the replacements ran on.
	Nodes []string `json:"nodes,omitempty"`
}

// PhaseShare is one phase's median in a cell and its share of the
// cell's median time to fully up.
type PhaseShare struct {
	Name     string  `json:"name"`
	MedianMS float64 `json:"median_ms"`
	Share    float64 `json:"share"`
}

// Measured tells a cell with runs from one without.
func (c Cell) Measured() bool { return c.Total > 0 }

// Survived tells a cell whose every run recovered.
func (c Cell) Survived() bool { return c.Total > 0 && c.OK == c.Total }

// matrices builds the recovery matrix of every scenario with failovers,
// in the order their records first appear.
func matrices(summaries []stats.Summary, records []results.Record) []Matrix {
	byKey := map[stats.Key]stats.Summary{}
	for _, s := range summaries {
		byKey[s.Key] = s
	}
	var out []Matrix
	index := map[string]int{}
	for _, rec := range records {
		base, label, ok := strings.Cut(rec.Scenario, failoverInfix)
		if !ok || rec.Failover == nil {
			continue
		}
		i, seen := index[base]
		if !seen {
			i = len(out)
			index[base] = i
			out = append(out, Matrix{Scenario: base, Subject: rec.Subject, Survive: rec.Survive, RTOMS: rec.RTOMS})
		}
		out[i].add(rec, label)
	}
	for i := range out {
		out[i].finish(byKey, records)
	}
	return out
}

// add places one failover record in its column and row.
func (m *Matrix) add(rec results.Record, label string) {
	col := m.column(rec, label)
	row := m.row(rec.Volume)
	for len(m.Rows[row].Cells) < len(m.Columns) {
		m.Rows[row].Cells = append(m.Rows[row].Cells, Cell{})
	}
	if rec.Failover.Timers != nil && m.Timers == nil {
		m.Timers = rec.Failover.Timers
	}
	if rec.Warmup {
		return
	}
	c := &m.Rows[row].Cells[col]
	if rec.Status == results.StatusError {
		// The loss could not be caused (no other node, a power command
		// that failed): nothing was measured about the storage.
		c.Unmeasured++
		if c.UnmeasuredReason == "" {
			c.UnmeasuredReason = rec.Reason
		}
		return
	}
	c.Total++
	switch {
	case rec.Status == results.StatusOK:
		c.OK++
		if rec.Kubernetes != nil && rec.Kubernetes.Node != "" && !contains(c.Nodes, rec.Kubernetes.Node) {
			c.Nodes = append(c.Nodes, rec.Kubernetes.Node)
		}
	case rec.Failover.Outcome == results.OutcomeNotRecovered:
		c.NotRecovered++
	}
	if c.Reason == "" && rec.Status != results.StatusOK {
		c.Reason = rec.Reason
	}
	if r := rec.Failover.Restored; r != nil && *r {
		c.Restored++
		c.DataLossExpectedS = max(c.DataLossExpectedS, rec.Failover.DataLossExpectedS)
		c.DataLossMaxS = max(c.DataLossMaxS, rec.Failover.DataLossMaxS)
	}
}

func (m *Matrix) column(rec results.Record, label string) int {
	for i, c := range m.Columns {
		if c.Label == label {
			return i
		}
	}
	f := rec.Failover
	m.Columns = append(m.Columns, Column{Label: label, Scenario: rec.Scenario, Action: f.Action,
		Class: subject.FailureClass(f.Action), Recovery: f.Recovery, AfterS: f.AfterS})
	return len(m.Columns) - 1
}

func (m *Matrix) row(v results.Volume) int {
	for i, r := range m.Rows {
		if r.Volume == v.Name {
			return i
		}
	}
	m.Rows = append(m.Rows, Row{Volume: v.Name, Kind: v.Kind})
	return len(m.Rows) - 1
}

// finish fills every cell's figure and phases, pads short rows, sets the
// classes to survive and judges them.
func (m *Matrix) finish(byKey map[stats.Key]stats.Summary, records []results.Record) {
	for r := range m.Rows {
		for len(m.Rows[r].Cells) < len(m.Columns) {
			m.Rows[r].Cells = append(m.Rows[r].Cells, Cell{})
		}
		for c, col := range m.Columns {
			cell := &m.Rows[r].Cells[c]
			cell.Figure = byKey[stats.Key{Scenario: col.Scenario, Volume: m.Rows[r].Volume, Phase: "ready"}]
			cell.Phases = phaseShares(byKey, records, col.Scenario, m.Rows[r].Volume, cell.Figure.MedianMS)
		}
	}
	if len(m.Survive) == 0 {
		for _, c := range m.Columns {
			if !contains(m.Survive, c.Class) {
				m.Survive = append(m.Survive, c.Class)
			}
		}
	}
	m.Verdict = m.judge()
}

// phaseShares is the median of each phase of a cell's recovered runs, in
// the order the first such run lists them, with its share of the median
// time to fully up.
func phaseShares(byKey map[stats.Key]stats.Summary, records []results.Record, scenario, volume string, readyMS float64) []PhaseShare {
	var out []PhaseShare
	share := func(ms float64) float64 {
		if readyMS <= 0 {
			return 0
		}
		return ms / readyMS
	}
	for _, rec := range records {
		if rec.Scenario != scenario || rec.Volume.Name != volume || rec.Status != results.StatusOK || rec.Warmup {
			continue
		}
		platform := 0.0
		for _, p := range rec.Phases {
			s, ok := byKey[stats.Key{Scenario: scenario, Volume: volume, Phase: p.Name}]
			if !p.Skipped && ok && s.N > 0 {
				out = append(out, PhaseShare{Name: p.Name, MedianMS: s.MedianMS, Share: share(s.MedianMS)})
				platform += s.MedianMS
			}
			if p.Name == lastPlatformPhase {
				break
			}
		}
		// Jenkins's own phases, from its container's start to fully up,
		// are one share: what the storage and the platform leave.
		rest := max(readyMS-platform, 0)
		return append(out, PhaseShare{Name: PhaseJenkins, MedianMS: rest, Share: share(rest)})
	}
	return out
}

// lastPlatformPhase is the last phase a Kubernetes runtime reports
// before the controller's own (bench/runtime/kube's phaseOf).
const lastPlatformPhase = "container_start"

// PhaseJenkins names, in a cell's phase shares, the controller's start
// from its container's start to fully up.
const PhaseJenkins = "jenkins_start"

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// columnsOf lists the columns of a failure class.
func (m *Matrix) columnsOf(class string) []int {
	var out []int
	for i, c := range m.Columns {
		if c.Class == class {
			out = append(out, i)
		}
	}
	return out
}

// sortedTimers lists the timers as "name value".
func (m Matrix) sortedTimers() []string {
	var out []string
	for k, v := range m.Timers {
		out = append(out, k+" "+v)
	}
	sort.Strings(out)
	return out
}
