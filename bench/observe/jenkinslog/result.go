package jenkinslog

import "time"

// Options configures a Parser.
type Options struct {
	// Location is the zone of timestamps that carry no offset: the
	// two-line java.util.logging format, old Winstone lines and systemd
	// journal prefixes. Nil means UTC.
	Location *time.Location
	// Received describes the Line.Received times the caller gives, so
	// that they may time a start when they are the finest clock (Docker's
	// nanosecond stamps of a container's log). Its Source must differ
	// from the ClockXxx names. Zero: Received times never time a start.
	Received Clock
	// KeepStarts is how many of the first and of the last starts Result
	// keeps whole; zero means DefaultKeepStarts. The restart history
	// covers every start whatever it is.
	KeepStarts int
	// MaxUnpackedBytes bounds what ParseMaybeGzip unpacks: zero means
	// the default rule (UnpackRatio times the compressed bytes read, at
	// least MinUnpackLimit), a negative value no limit.
	MaxUnpackedBytes int64
}

// DefaultKeepStarts is how many of the first and of the last starts a
// Result keeps whole by default: a log of a million starts is told by
// its restart history, not by a million phase tables.
const DefaultKeepStarts = 5

// Result is everything a Parser read: the starts kept whole in log
// order, the restart history of all of them, warnings that concern no
// single start, the number of lines and the zone assumed for timestamps
// without an offset. Its size is bounded whatever the log holds.
type Result struct {
	// Starts holds the first and the last Options.KeepStarts starts, and
	// the latest one that got fully up when neither holds it; Number
	// tells each one's place in the log.
	Starts []Start
	// StartCount is the number of starts in the log, kept or not.
	StartCount int
	// History is every start's beginning, end and downtime, summarised.
	History  History
	Warnings []Warning
	Lines    int
	// Zone names Options.Location when at least one timestamp without an
	// offset was read, empty otherwise.
	Zone string
}

// Warning is a doubt about the data, tied to a line (0 when it concerns
// the whole log).
type Warning struct {
	Line    int
	Message string
}

// Start is one start of Jenkins: from the first line that belongs to it
// (entrypoint output, "Running from:", a journal "Starting" line…) to the
// line before the next start.
type Start struct {
	// Number is the start's place among the starts of the log, from 1.
	Number              int
	FirstLine, LastLine int
	// Origin is the time, on Clock, of the first line of this start that
	// carries Jenkins's own timestamp; every OffsetMS and phase counts
	// from it.
	Origin time.Time
	// Clock is what the start was timed by: the finest clock its first
	// timestamped line carries (Jenkins's own, a wrapper's, or the
	// Received times described by Options.Received), kept for the whole
	// start.
	Clock Clock
	// OriginReceived is the Received time of the first line of this start,
	// zero when unknown.
	OriginReceived time.Time
	// Version is Jenkins's version when the log states it.
	Version string
	Events  []Event
	// Phases tile the time from Origin to fully up (or to the last event)
	// as doc.go describes.
	Phases  []Phase
	FullyUp bool
	// Failure is set as soon as the log shows a fatal error, and by
	// Parser.Result for every start that did not reach fully up.
	Failure *Failure
	// Uptime is the first JVM uptime a record of the start states (Jetty's
	// "Started Server@… @1363ms", "Logging initialized @638ms"), nil when
	// none does: it tells how long the JVM ran before the first record.
	Uptime *Uptime
	// SlowestTasks lists the slowest "Took Nms for <task> by <thread>"
	// lines, slowest first.
	SlowestTasks []Task
	Warnings     []Warning
	// FullyUpAt is when the start was fully up, on Clock; zero when it
	// was not.
	FullyUpAt time.Time
	// End is the time, on Clock, of the start's last line with a
	// timestamp of Jenkins's own (zero when it has none): when the log
	// last heard of this JVM.
	End time.Time
	// Ended says how the start ended (see Ending).
	Ended Ending
	// Reinits counts the runs of the init reactor after the first one in
	// the same JVM: plugins installed without a restart (the setup
	// wizard's too) and "Reload Configuration from Disk". They are no
	// new start. FirstReinitLine is the first one's line.
	Reinits, FirstReinitLine int
}

// Ending is how a start ended: How is one of the EndXxx names, Line the
// line that shows it (0 when no line does) and Message that line's text
// or the evidence found before the end (an OutOfMemoryError).
type Ending struct {
	How     string
	Line    int
	Message string
}

// Event is one milestone of a start.
type Event struct {
	Name    string
	Message string
	// Line is the number of the line where the record starts (the header
	// line of a two-line record).
	Line int
	// Time is the log's own timestamp, zero for lines without one.
	Time time.Time
	// Received is when the line was received: Line.Received, or the
	// Docker, kubectl or json-file timestamp when the caller gave none.
	Received time.Time
	// Outer is the timestamp a wrapper (Docker, kubectl, journal) put in
	// front of the record, zero when none; it cross-checks Time.
	Outer time.Time
	// OffsetMS is Time minus Origin in milliseconds on the start's
	// monotonic clock (see doc.go); running_from has a negative offset
	// measured on the Received clock.
	OffsetMS float64
}

// Phase is one interval of a start, named after the event that ends it
// (war_extraction: the extraction itself).
type Phase struct {
	Name                       string
	StartMS, EndMS, DurationMS float64
	// Skipped is true for war_extraction when the log shows that Winstone
	// found the webroot up to date and extracted nothing.
	Skipped bool
}

// Failure explains why a start did not reach fully up.
type Failure struct {
	// Reason is one line for a person: the fatal line and its exception,
	// or "log ended before fully up".
	Reason string
	// Signature classifies the failure: one of the Signature constants.
	Signature string
	// Severe holds the first SEVERE messages of the start.
	Severe []string
	// Exception is the first exception of a SEVERE record (or of the
	// start's untimestamped output) with its first detail line.
	Exception string
	// LastLines is the tail of the start up to the fatal record, stack
	// frames left out.
	LastLines []string
}

// Uptime is the JVM's uptime, UptimeMS, as a record at OffsetMS says it.
type Uptime struct {
	OffsetMS, UptimeMS float64
}

// BeforeLogMS is how long the JVM ran before the start's first record:
// its uptime at the record less the record's offset (0 if negative).
func (u Uptime) BeforeLogMS() float64 { return max(0, u.UptimeMS-u.OffsetMS) }

// Task is one "Took Nms for <task> by <thread>" line (logged with
// -Djenkins.model.Jenkins.logStartupPerformance=true).
type Task struct {
	Name       string
	DurationMS float64
}
