package jenkinslog

import (
	"fmt"
	"time"
)

// Sources of the clock a start is timed by (Start.Clock).
const (
	// ClockJenkins is Jenkins's own timestamps: milliseconds in the
	// current format, whole seconds in the two-line format.
	ClockJenkins = "jenkins"
	// ClockTimestamps is an RFC 3339 stamp in front of each line, as
	// `docker logs --timestamps`, `kubectl logs --timestamps` and
	// `docker compose logs --timestamps` write it: nanoseconds.
	ClockTimestamps = "timestamps"
	// ClockJSONFile is the `time` field of Docker's json-file records:
	// nanoseconds.
	ClockJSONFile = "json-file"
	// ClockJournal is the systemd journal's prefix: microseconds with
	// `journalctl -o short-precise`, whole seconds otherwise.
	ClockJournal = "journal"
)

// Clock names the clock a start was timed by and its resolution.
type Clock struct {
	// Source is ClockJenkins, ClockTimestamps, ClockJSONFile,
	// ClockJournal, or the Source of Options.Received for the times a
	// caller stamped on receipt.
	Source string
	// Resolution is the smallest step the clock's stamps show.
	Resolution time.Duration
}

// String renders the clock as "timestamps (1ns)".
func (c Clock) String() string {
	if c.Source == "" {
		return "none"
	}
	return fmt.Sprintf("%s (%s)", c.Source, c.Resolution)
}

// Describe says in words what the clock is, for reports: "the --timestamps
// stamps of docker or kubectl (1ns)".
func (c Clock) Describe() string {
	what := map[string]string{
		ClockJenkins:    "Jenkins's own timestamps",
		ClockTimestamps: "the --timestamps stamps of docker or kubectl",
		ClockJSONFile:   "the time fields of Docker's json-file log",
		ClockJournal:    "the journal's timestamps",
	}[c.Source]
	if what == "" {
		what = c.Source + " receipt times"
	}
	return fmt.Sprintf("%s (%s)", what, c.Resolution)
}

// finer tells whether c has a strictly finer resolution than d; a clock
// beats none.
func (c Clock) finer(d Clock) bool {
	return c.Source != "" && (d.Source == "" || c.Resolution < d.Resolution)
}

// lineTimes are the clocks one line carries: Jenkins's own stamp, a
// wrapper's stamp and the caller's receipt time.
type lineTimes struct {
	log         stamp
	outer       stamp
	outerSource string
	recv        time.Time
}

// clockKind tells where a line's time on a clock comes from.
type clockKind uint8

const (
	kindNone clockKind = iota
	kindLog
	kindOuter
	kindReceived
)

// candidate is a clock a line carries.
type candidate struct {
	Clock
	kind clockKind
}

// candidates lists the clocks of a line, Jenkins's own first: on equal
// resolution the earlier one wins, since Jenkins stamps a record when it
// is made and a wrapper only when it passes by.
func (lt lineTimes) candidates(received Clock) []candidate {
	var out []candidate
	if lt.log.valid {
		out = append(out, candidate{Clock{Source: ClockJenkins, Resolution: lt.log.resolution()}, kindLog})
	}
	if lt.outer.valid && lt.outerSource != "" {
		out = append(out, candidate{Clock{Source: lt.outerSource, Resolution: lt.outer.resolution()}, kindOuter})
	}
	if !lt.recv.IsZero() && received.Source != "" {
		out = append(out, candidate{received, kindReceived})
	}
	return out
}

// chooseClock picks the finest clock of a start's origin line.
func chooseClock(lt lineTimes, received Clock) candidate {
	var best candidate
	for _, c := range lt.candidates(received) {
		if c.finer(best.Clock) {
			best = c
		}
	}
	return best
}

// on returns the line's time on clock c in nanoseconds since the Unix
// epoch, and false when the line does not carry that clock.
func (lt lineTimes) on(c candidate) (int64, bool) {
	switch c.kind {
	case kindLog:
		return lt.log.unixNS(), lt.log.valid
	case kindOuter:
		return lt.outer.unixNS(), lt.outer.valid && lt.outerSource == c.Source
	case kindReceived:
		return lt.recv.UnixNano(), !lt.recv.IsZero()
	}
	return 0, false
}

// startClock times one start by the clock chosen at its origin, so that
// every offset of the start is on the same clock. A line that lacks that
// clock is placed by Jenkins's own time since the origin, with a warning.
type startClock struct {
	candidate
	monotone
	originLog  int64 // Jenkins's own time of the origin line, ns
	originTime int64 // the origin on the chosen clock, ns
	missing    int   // lines without the chosen clock
}

// raw returns a line's time on the start's clock, in ns.
func (sc *startClock) raw(lt lineTimes) (int64, bool) {
	if t, ok := lt.on(sc.candidate); ok {
		return t, true
	}
	sc.missing++
	return sc.originTime + (lt.log.unixNS() - sc.originLog), false
}
