package jenkinslog

import (
	"math"
	"testing"
)

// checkInvariants asserts what must hold for any input: phases tile the
// time from Origin without gaps, overlaps or negative durations; event
// offsets never decrease within a start; starts follow each other.
func checkInvariants(t testing.TB, r Result) {
	t.Helper()
	prevLast := 0
	for i, s := range r.Starts {
		if s.FirstLine <= prevLast || s.LastLine < s.FirstLine {
			t.Errorf("start %d: lines %d-%d after a start ending at %d", i, s.FirstLine, s.LastLine, prevLast)
		}
		prevLast = s.LastLine
		checkPhases(t, i, s)
		checkOffsets(t, i, s)
		if !s.FullyUp && s.Failure == nil {
			t.Errorf("start %d: not fully up and no failure", i)
		}
		if s.Failure != nil && signatureRank[s.Failure.Signature] == 0 {
			t.Errorf("start %d: unknown signature %q", i, s.Failure.Signature)
		}
	}
}

func checkPhases(t testing.TB, i int, s Start) {
	t.Helper()
	end := 0.0
	for k, p := range s.Phases {
		if p.StartMS != end || p.EndMS < p.StartMS || math.Abs(p.DurationMS-(p.EndMS-p.StartMS)) > 1e-9 {
			t.Errorf("start %d phase %d %s: [%v, %v] (%v ms) does not continue at %v", i, k, p.Name, p.StartMS, p.EndMS, p.DurationMS, end)
		}
		end = p.EndMS
	}
}

func checkOffsets(t testing.TB, i int, s Start) {
	t.Helper()
	prev := math.Inf(-1)
	for _, e := range s.Events {
		if e.OffsetMS < prev || math.IsNaN(e.OffsetMS) {
			t.Errorf("start %d event %s at line %d: offset %v after %v", i, e.Name, e.Line, e.OffsetMS, prev)
		}
		if e.Name != RunningFrom && e.OffsetMS < 0 {
			t.Errorf("start %d event %s: negative offset %v", i, e.Name, e.OffsetMS)
		}
		prev = e.OffsetMS
	}
}
