package report

import (
	"sort"

	"github.com/jsbench/jsbench/bench/analyze/stats"
	"github.com/jsbench/jsbench/bench/record/results"
)

// RTO judgements of one storage option.
const (
	RTONone   = ""
	RTOMet    = "met"     // every measured run came back within the RTO
	RTOAtRisk = "at risk" // the median did, but a run did not or took longer
	RTOMissed = "missed"  // the median did not, or no run came up
)

// Recommendation says, for one scenario, which storage to put
// JENKINS_HOME on: the fastest durable option. A ceiling (tmpfs, or a
// volume the scenario marks `ceiling: true`) shows how fast a start can
// be at best, but loses everything with the pod, so it is shown beside
// the others and never recommended.
type Recommendation struct {
	Scenario string          `json:"scenario"`
	Subject  results.Subject `json:"subject"`
	// RTOMS is the scenario's recovery-time objective, 0 when none.
	RTOMS float64 `json:"rto_ms,omitempty"`
	// Options are every volume, fastest first by its figure (restore +
	// ready for a restored snapshot, else ready); volumes without a run
	// that came up last, in scenario order.
	Options []Option `json:"options"`
	// Best is the index in Options of the recommended option, the fastest
	// durable one with data; -1 when there is none. Volume names it.
	Best   int    `json:"-"`
	Volume string `json:"recommended,omitempty"`
	// Tied are the durable options that cannot be told apart from the
	// first-ranked one (stats.Distinguish: too few runs, overlapping
	// intervals, a paired ratio that includes 1 or disagrees with the
	// medians). With any, no winner is named: Volume stays empty and the
	// text says they are indistinguishable.
	Tied []string `json:"indistinguishable,omitempty"`
}

// Option is one storage option of a scenario.
type Option struct {
	Volume string `json:"volume"`
	Kind   string `json:"kind"`
	// Ceiling marks tmpfs and volumes the scenario marks as a ceiling.
	Ceiling bool `json:"ceiling,omitempty"`
	// Figure is the ranked figure: recovery (restore + ready) for a
	// restored snapshot, else ready. HasData is false when no run came up.
	Figure   stats.Summary `json:"-"`
	HasData  bool          `json:"has_data"`
	Restored bool          `json:"restored,omitempty"`
	// ReadyMS, RestoreMS and RecoveryMS are the medians of the parts.
	ReadyMS    float64 `json:"ready_ms,omitempty"`
	RestoreMS  float64 `json:"restore_ms,omitempty"`
	RecoveryMS float64 `json:"recovery_ms,omitempty"`
	// VsBest is Figure's median over the recommended option's: 1 for it,
	// below 1 for a faster ceiling; 0 when either has no data.
	VsBest float64 `json:"vs_recommended,omitempty"`
	// RTO is RTOMet, RTOAtRisk, RTOMissed or RTONone.
	RTO string `json:"rto,omitempty"`
	// Difference says whether this durable option is slower than the
	// first-ranked one beyond noise; nil for that one and for ceilings.
	Difference *stats.Difference `json:"difference,omitempty"`
	// OK of Total measured runs came up.
	OK    int `json:"runs_ok"`
	Total int `json:"runs"`
}

// Decided tells whether the first-ranked option is a winner: every other
// durable option is slower beyond noise.
func (r Recommendation) Decided() bool { return r.Best >= 0 && len(r.Tied) == 0 }

// Recommended returns the first-ranked durable option, if there is one:
// the recommendation when Decided, else one of the indistinguishable.
func (r Recommendation) Recommended() (Option, bool) {
	if r.Best < 0 {
		return Option{}, false
	}
	return r.Options[r.Best], true
}

// recommend builds a recommendation per scenario, in the order the
// summaries name them.
func recommend(summaries []stats.Summary, records []results.Record, paired []stats.Pairing) []Recommendation {
	var out []Recommendation
	for _, sc := range groupByScenario(summaries) {
		r := recommendScenario(sc, records)
		r.judgeDifferences(paired)
		out = append(out, r)
	}
	return out
}

// judgeDifferences compares every other durable option with the
// first-ranked one; those within noise are tied with it, and then no
// winner is named.
func (r *Recommendation) judgeDifferences(paired []stats.Pairing) {
	best, ok := r.Recommended()
	if !ok {
		return
	}
	for i := range r.Options {
		o := &r.Options[i]
		if i == r.Best || !o.HasData || o.Ceiling {
			continue
		}
		d := stats.Distinguish(best.Figure, o.Figure, pairingOf(paired, r.Scenario, best.Volume, o.Volume))
		o.Difference = &d
		if !d.Distinct {
			r.Tied = append(r.Tied, o.Volume)
		}
	}
	if len(r.Tied) > 0 {
		r.Volume = ""
	}
}

// pairingOf is the run-by-run pairing of volumes a and b in scenario, one
// being the other's reference; nil when there is none.
func pairingOf(paired []stats.Pairing, scenario, a, b string) *stats.Pairing {
	for i, p := range paired {
		if p.Scenario == scenario && (p.Volume == a && p.Reference == b || p.Volume == b && p.Reference == a) {
			return &paired[i]
		}
	}
	return nil
}

func recommendScenario(sc scenarioSummaries, records []results.Record) Recommendation {
	r := Recommendation{Scenario: sc.name, Subject: sc.subject, Best: -1}
	facts := volumeFacts(sc.name, records)
	for _, v := range sc.volumes {
		o := describeOption(sc, v, facts[v])
		r.RTOMS = max(r.RTOMS, facts[v].rtoMS)
		r.Options = append(r.Options, o)
	}
	sort.SliceStable(r.Options, func(i, j int) bool {
		a, b := r.Options[i], r.Options[j]
		if a.HasData != b.HasData {
			return a.HasData
		}
		return a.HasData && a.Figure.MedianMS < b.Figure.MedianMS
	})
	for i, o := range r.Options {
		if o.HasData && !o.Ceiling {
			r.Best, r.Volume = i, o.Volume
			break
		}
	}
	for i := range r.Options {
		o := &r.Options[i]
		o.RTO = judgeRTO(*o, r.RTOMS)
		if best, ok := r.Recommended(); ok && o.HasData && best.Figure.MedianMS > 0 {
			o.VsBest = o.Figure.MedianMS / best.Figure.MedianMS
		}
	}
	return r
}

// facts are what the records of one volume say beyond the summaries.
type facts struct {
	kind      string
	ceiling   bool
	rtoMS     float64
	ok, total int
}

func volumeFacts(scenario string, records []results.Record) map[string]facts {
	m := map[string]facts{}
	for _, rec := range records {
		if rec.Scenario != scenario {
			continue
		}
		f := m[rec.Volume.Name]
		f.kind = rec.Volume.Kind
		f.ceiling = f.ceiling || IsCeiling(rec.Volume)
		f.rtoMS = max(f.rtoMS, rec.RTOMS)
		if !rec.Warmup {
			f.total++
			if rec.Status == results.StatusOK {
				f.ok++
			}
		}
		m[rec.Volume.Name] = f
	}
	return m
}

// IsCeiling tells a volume that only shows the best case: tmpfs, or one
// the scenario marks `ceiling: true`.
func IsCeiling(v results.Volume) bool { return v.Ceiling || v.Kind == "tmpfs" }

func describeOption(sc scenarioSummaries, volume string, f facts) Option {
	o := Option{Volume: volume, Kind: f.kind, Ceiling: f.ceiling, OK: f.ok, Total: f.total}
	summary := func(phase string) (stats.Summary, bool) {
		s, ok := sc.byKey[stats.Key{Scenario: sc.name, Volume: volume, Phase: phase}]
		return s, ok && s.N > 0
	}
	if s, ok := summary("ready"); ok {
		o.Figure, o.HasData, o.ReadyMS = s, true, s.MedianMS
	}
	if s, ok := summary("restore"); ok {
		o.RestoreMS = s.MedianMS
	}
	if s, ok := summary("recovery"); ok {
		o.Figure, o.HasData, o.Restored, o.RecoveryMS = s, true, true, s.MedianMS
	}
	// On Kubernetes an init container restores before the controller's
	// container starts: the restore is a phase inside the ready time,
	// which is then the recovery.
	if s, ok := summary(results.PhaseInitRestore); ok && o.RestoreMS == 0 && o.HasData && !o.Restored {
		o.Restored, o.RestoreMS, o.RecoveryMS = true, s.MedianMS, o.ReadyMS
	}
	if o.Total == 0 {
		s := sc.byKey[stats.Key{Scenario: sc.name, Volume: volume, Phase: "ready"}]
		o.OK, o.Total = s.N, s.N+s.Failed+s.TimedOut+s.Errors
	}
	return o
}

// judgeRTO tells whether an option meets the recovery-time objective.
// Met asks that every measured run came up, the slowest within the
// objective: a restore that fails or runs long is the case an RTO is for.
func judgeRTO(o Option, rtoMS float64) string {
	switch {
	case rtoMS <= 0:
		return RTONone
	case !o.HasData || o.Figure.MedianMS > rtoMS:
		return RTOMissed
	case o.Figure.MaxMS > rtoMS || o.OK < o.Total:
		return RTOAtRisk
	}
	return RTOMet
}
