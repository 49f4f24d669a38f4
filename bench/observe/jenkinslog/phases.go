package jenkinslog

import (
	"fmt"
	"time"
)

// warSkipGapMS is the gap between "Beginning extraction from war file"
// and the next line below which the extraction counts as skipped.
// Winstone logs the line also when the webroot's .timestamp matches the
// WAR and nothing is extracted, so the gap is the only evidence. In the
// shared fixtures, starts known to extract (fresh JENKINS_HOME or
// emptyDir) show 461–2,387 ms; restarts with the webroot in place show
// 17–188 ms (see testdata/golden/NOTES.md).
const warSkipGapMS = 300

// phases builds the phases from the events (doc.go defines them). When
// final is false the war_extraction phase is left out until its end is
// known; when true, an unfinished one ends where it began.
func (st *startState) phases(final bool) ([]Phase, []Warning) {
	out := make([]Phase, 0, len(st.Events)+1)
	var warns []Warning
	prev, first := 0.0, true
	for _, e := range st.Events {
		if e.Name == RunningFrom {
			continue
		}
		if e.Name == WarExtraction {
			if !st.war.closed && !final {
				break
			}
			var w []Warning
			out, prev, w = st.warPhase(out, e, prev, first)
			warns = append(warns, w...)
		} else {
			end := max(e.OffsetMS, prev)
			out = append(out, Phase{Name: e.Name, StartMS: prev, EndMS: end, DurationMS: end - prev})
			prev = end
		}
		first = false
		if e.Name == FullyUp {
			break
		}
	}
	return out, warns
}

// warPhase appends war_extraction (and launch, when timestamped lines
// come before it) and returns the end of the last phase.
func (st *startState) warPhase(out []Phase, e Event, prev float64, first bool) ([]Phase, float64, []Warning) {
	begin := e.OffsetMS
	switch {
	case first && e.Line != st.originLine:
		out = append(out, Phase{Name: Launch, StartMS: prev, EndMS: begin, DurationMS: begin - prev})
	case !first:
		begin = prev
	}
	var warns []Warning
	end := begin
	if st.war.closed {
		end = max(nsToMS(st.war.end), begin)
	} else {
		warns = append(warns, Warning{Line: e.Line, Message: fmt.Sprintf("the start ends during war extraction (begun at line %d)", e.Line)})
	}
	skipped, known := st.war.skipped(st.Clock.Resolution)
	if !known {
		warns = append(warns, Warning{Line: e.Line, Message: "one-second timestamps cannot tell whether Winstone extracted the war or found the webroot up to date; war_extraction is not marked skipped"})
	}
	out = append(out, Phase{Name: WarExtraction, StartMS: begin, EndMS: end, DurationMS: end - begin, Skipped: skipped})
	return out, end, warns
}

// skipped judges from the gap after "Beginning extraction" whether
// Winstone extracted nothing. The start's clock decides when it is finer
// than a second; one-second timestamps defer to a finer wrapper stamp on
// both lines, and without one known is false unless the gap is long
// enough anyway.
func (w warState) skipped(res time.Duration) (skipped, known bool) {
	gap := nsToMS(w.end - w.begin)
	switch {
	case !w.closed:
		return false, true
	case res < time.Second:
		return gap < warSkipGapMS, true
	case w.beginOuter.valid && w.endOuter.valid && !w.beginOuter.coarse() && !w.endOuter.coarse():
		return nsToMS(w.endOuter.unixNS()-w.beginOuter.unixNS()) < warSkipGapMS, true
	}
	return false, gap-1000 >= warSkipGapMS
}

// endWarnings are the doubts known once a start is over.
func (st *startState) endWarnings() []Warning {
	var out []Warning
	if st.cutLines > 0 {
		out = append(out, Warning{Line: st.firstCut, Message: fmt.Sprintf(
			"%d lines were cut at the terminal width (they end in '>') and their messages cannot be read; capture the log without a pager (journalctl --no-pager)", st.cutLines)})
	}
	if st.jumps > jumpsReported {
		out = append(out, Warning{Message: fmt.Sprintf("clock went backwards %d times in all; only the first %d are listed", st.jumps, jumpsReported)})
	}
	if st.unlisted > 0 {
		out = append(out, Warning{Message: fmt.Sprintf("%d more warnings of this start are not listed", st.unlisted)})
	}
	if st.clock.started && !st.launcher {
		out = append(out, Warning{Line: st.originLine, Message: fmt.Sprintf(
			"the log begins after Jenkins started (no Running from, war extraction or home directory line): offsets count from line %d", st.originLine)})
	}
	return out
}
