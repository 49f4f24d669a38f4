package jenkinslog

import (
	"fmt"
	"time"
)

// startState is a Start being read, with what the parser needs to
// finish it. Its buffers are dropped when the start closes.
type startState struct {
	Start
	jvm        bool   // a launcher line or a record was seen: the JVM runs
	home       bool   // the "Jenkins home directory:" line was seen
	seen       uint32 // one bit per event name
	clock      monotone
	originLine int
	originRecv time.Time // Received of the origin line
	war        warState
	cutLines   int // lines cut at the terminal width
	firstCut   int
	fatal      bool // Failure comes from a fatal line
	fatalSig   string
	launcher   bool // a line of the launcher or of systemd shows the start's beginning
	severeList []string
	exception  string
	frozen     bool // the fatal record ended: its tail and signature are fixed
	evidence   string
	severe     int // SEVERE records seen
	lastSevere string
	tail       *tail
	outerSeen  bool // the log and wrapper clocks were compared
	pid        []byte
}

// warState follows the war_extraction phase, which ends at the next
// timestamped line after "Beginning extraction from war file".
type warState struct {
	open, closed bool
	begin, end   int64 // ms from Origin
	beginOuter   stamp
	endOuter     stamp
	coarse       bool // one of the two lines had one-second resolution
}

// newStart opens a start at line; t is the parser's tail buffer, which
// only the open start uses.
func newStart(line int, recv time.Time, t *tail) *startState {
	t.reset()
	return &startState{Start: Start{FirstLine: line, LastLine: line, OriginReceived: recv}, tail: t}
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
// offset from Origin in ms. The first record sets Origin.
func (st *startState) stamp(at stamp, z *zones, line int, recv time.Time) int64 {
	if !st.clock.started {
		st.Origin, st.originLine, st.originRecv = at.time(z), line, recv
		st.fixRunningFrom()
	}
	offset, jumped := st.clock.advance(at.unixMS)
	if jumped > 0 {
		st.warn(line, fmt.Sprintf("clock went backwards by %s at line %d: the time before the jump counts, the jump does not", time.Duration(jumped)*time.Millisecond, line))
	}
	return offset
}

// fixRunningFrom measures running_from against the origin line on the
// Received clock: it is the only event without a log timestamp.
func (st *startState) fixRunningFrom() {
	if len(st.Events) == 0 || st.Events[0].Name != RunningFrom || st.originRecv.IsZero() {
		return
	}
	st.Events[0].OffsetMS = min(0, ms(st.Events[0].Received.Sub(st.originRecv)))
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

func (st *startState) warn(line int, msg string) {
	st.Warnings = append(st.Warnings, Warning{Line: line, Message: msg})
}
