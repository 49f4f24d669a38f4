package jenkinslog

import (
	"fmt"
	"time"
)

// startState is a Start being read, with what the parser needs to
// finish it. Its buffers are dropped when the start closes.
type startState struct {
	Start
	jvm     bool  // a launcher line or a record was seen: the JVM runs
	jvmSeen uint8 // one bit per JVM line kind seen (see msgKind)
	stop    Ending
	endHint Ending // what killed a start that was up, when a line says
	// lastLog is Jenkins's own time of the latest record, ns.
	lastLog   int64
	fatalLine int
	unlisted  int // warnings beyond warningsMax
	// runningFrom is true once the start's "Running from:" line was read
	// (an event only when it has a Received time).
	runningFrom bool
	seen        uint32 // one bit per event name
	clock       startClock
	originLine  int
	originRecv  time.Time // Received of the origin line
	war         warState
	jumps       int // backward clock jumps
	cutLines    int // lines cut at the terminal width
	firstCut    int
	fatal       bool // Failure comes from a fatal line
	fatalSig    string
	launcher    bool // a line of the launcher or of systemd shows the start's beginning
	severeList  []string
	exception   string
	frozen      bool // the fatal record ended: its tail and signature are fixed
	evidence    string
	severe      int // SEVERE records seen
	lastSevere  []byte
	tail        *tail
	outerSeen   bool // the log and wrapper clocks were compared
	pid         []byte
}

// warState follows the war_extraction phase, which ends at the next
// timestamped line after "Beginning extraction from war file".
type warState struct {
	open, closed bool
	begin, end   int64 // ns from Origin, on the start's clock
	beginOuter   stamp
	endOuter     stamp
}

// reset opens a new start at line in st; t and events are the parser's
// buffers, which only the open start uses.
func (st *startState) reset(number, line int, recv time.Time, t *tail, events []Event) {
	t.reset()
	*st = startState{
		Start: Start{Number: number, FirstLine: line, LastLine: line, OriginReceived: recv, Events: events},
		tail:  t, pid: st.pid[:0], lastSevere: st.lastSevere[:0], severeList: st.severeList[:0],
	}
}

var eventBits = map[string]uint32{
	RunningFrom: 1 << 0, WarExtraction: 1 << 1, HTTPOpen: 1 << 2,
	StartedInitialization: 1 << 3, ListedAllPlugins: 1 << 4, PreparedAllPlugins: 1 << 5,
	StartedAllPlugins: 1 << 6, AugmentedAllExtensions: 1 << 7, SystemConfigLoaded: 1 << 8,
	SystemConfigAdapted: 1 << 9, LoadedAllJobs: 1 << 10, ConfigurationForAllJobsUpdated: 1 << 11,
	CompletedInitialization: 1 << 12, FullyUp: 1 << 13,
}

// milestoneBits covers Started initialization and every later event.
const milestoneBits uint32 = 0xffffffff << 3 & 0xffffffff

func (st *startState) has(name string) bool { return st.seen&eventBits[name] != 0 }

// started tells whether the start got past the point where the marker
// of a new start could still belong to it.
func (st *startState) started(bits uint32) bool {
	return st.seen&bits != 0 || st.fatal
}

// stamp advances the start's clock to a record's time and returns the
// offset from Origin in ns. The first record sets Origin and chooses the
// clock: the finest its line carries (see Clock).
func (st *startState) stamp(lt lineTimes, received Clock, z *zones, line int) int64 {
	if !st.clock.started {
		st.clock.candidate = chooseClock(lt, received)
		st.Clock = st.clock.Clock
		st.clock.originLog = lt.log.unixNS()
		st.clock.originTime, _ = lt.on(st.clock.candidate)
		st.Origin, st.originLine, st.originRecv = originTime(lt, st.clock.kind, z), line, lt.recv
		st.fixRunningFrom()
	}
	raw, ok := st.clock.raw(lt)
	if !ok && st.clock.missing == 1 {
		st.warn(line, fmt.Sprintf("line %d lacks the %s clock that times its start: it is placed by Jenkins's own clock from the origin", line, st.Clock.Source))
	}
	offset, jumped := st.clock.advance(raw)
	if jumped > 0 {
		st.jumps++
		if st.jumps <= jumpsReported {
			st.warn(line, fmt.Sprintf("clock went backwards by %s at line %d: the time before the jump counts, the jump does not", time.Duration(jumped).Round(time.Millisecond), line))
		}
	}
	return offset
}

// originTime is the time of the origin line on the chosen clock, in the
// zone it was written in.
func originTime(lt lineTimes, kind clockKind, z *zones) time.Time {
	switch kind {
	case kindOuter:
		return lt.outer.time(z)
	case kindReceived:
		return lt.recv
	}
	return lt.log.time(z)
}

// jumpsReported bounds the clock warnings of a start; endWarnings counts
// the rest.
const jumpsReported = 5

// fixRunningFrom places running_from, the only event without a log
// timestamp, against the origin line: on the wrapper's stamps when the
// start is timed by them, else on the Received clock.
func (st *startState) fixRunningFrom() {
	if len(st.Events) == 0 || st.Events[0].Name != RunningFrom {
		return
	}
	e := &st.Events[0]
	switch {
	case st.clock.kind == kindOuter && !e.Outer.IsZero():
		e.OffsetMS = min(0, nsToMS(e.Outer.UnixNano()-st.clock.originTime))
	case !st.originRecv.IsZero():
		e.OffsetMS = min(0, ms(e.Received.Sub(st.originRecv)))
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// addEvent records the first occurrence of an event.
func (st *startState) addEvent(e Event) bool {
	bit := eventBits[e.Name]
	if st.seen&bit != 0 {
		return false
	}
	st.seen |= bit
	st.Events = append(st.Events, e)
	if e.Name == FullyUp {
		st.FullyUp = true
	}
	return true
}

// warnings bounds the warnings listed per start; endWarnings counts the
// rest (a crafted log can repeat a doubtful line a million times).
const warningsMax = 20

func (st *startState) warn(line int, msg string) {
	if len(st.Warnings) >= warningsMax {
		st.unlisted++
		return
	}
	st.Warnings = append(st.Warnings, Warning{Line: line, Message: msg})
}
