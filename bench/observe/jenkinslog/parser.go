package jenkinslog

import (
	"bytes"
	"time"
)

// Parser reads a Jenkins log line by line. It keeps a bounded amount of
// state per start, so it can follow a log of any length as it is
// written. A Parser is not safe for concurrent use.
type Parser struct {
	loc      *time.Location
	received Clock // what Line.Received times are, when they count as a clock
	lines    int
	zones    zones
	json     jsonScanner
	ansi     []byte
	jbody    []byte
	jlogger  []byte
	sources  sources
	lastMS   int64 // latest Jenkins timestamp, which dates journal prefixes
	haveTime bool
	pid      []byte // journal process id of the latest line
	journal  journalLine
	zoneUsed bool
	pending  pendingHeader
	rec      recordContext
	tail     tail        // the open start's last lines, reused from start to start
	events   []Event     // the open start's events, likewise
	cur      *startState // &state while a start is open, nil otherwise
	state    startState  // the open start, reused from start to start
	kept     keptStarts
	history  historyState
	starts   int // starts opened
	glue     glue
	warnings logWarnings
}

// line is one input line after its wrappers were removed.
type line struct {
	n     int
	raw   []byte // the body, indentation kept, for Failure.LastLines
	body  []byte // the body without indentation
	recv  time.Time
	outer stamp
	// outerSource is the clock of outer (ClockTimestamps, ClockJSONFile,
	// ClockJournal once outerOf dated a journal prefix).
	outerSource string
	stream      bool // a wrapper vouches that the line comes from Jenkins's process
	json        bool // body is a JSON formatter record
	// journal is the line's journal prefix (nil if none), dated by outerOf.
	journal *journalLine
}

// NewParser returns a Parser.
func NewParser(opts Options) *Parser {
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	keep := opts.KeepStarts
	if keep <= 0 {
		keep = DefaultKeepStarts
	}
	return &Parser{loc: loc, received: opts.Received, kept: keptStarts{keep: keep}}
}

// Feed reads one line, without its trailing newline.
func (p *Parser) Feed(l Line) {
	p.feed([]byte(l.Text), l.Received)
}

// Current returns the start being read (the latest one), nil before the
// first. Its Phases and Failure are up to date with the lines fed so far;
// it stays valid until the next Feed (poll it again after each).
func (p *Parser) Current() *Start {
	if p.cur != nil {
		p.cur.refresh()
		return &p.cur.Start
	}
	if last := p.kept.last(); last != nil {
		return last
	}
	return nil
}

// Result returns the starts read so far: those kept whole and the
// history of all. A start that did not reach fully up gets a Failure;
// the Parser's state is left as it was.
func (p *Parser) Result() Result {
	r := Result{Lines: p.lines, StartCount: p.starts, Warnings: p.warnings.list()}
	var open *Start
	if p.cur != nil {
		s := p.cur.summary(closeCause{why: causeLogEnd}, false)
		open = &s
	}
	r.Starts = p.kept.all(open)
	r.History = p.history.history(open)
	if p.zoneUsed {
		r.Zone = p.loc.String()
	}
	return r
}

func (p *Parser) feed(text []byte, recv time.Time) {
	p.lines++
	p.feedLine(text, recv)
}

// feedLine reads line p.lines.
func (p *Parser) feedLine(text []byte, recv time.Time) {
	if n := len(text); n > 0 && text[n-1] == '\r' {
		text = text[:n-1]
	}
	if len(p.glue.shape) > 0 {
		text, _ = p.glue.strip(text)
	}
	if isFrame(text) && !p.pending.active {
		// The commonest line of a long log; no wrapper starts with a TAB.
		if p.cur != nil {
			p.cur.LastLine = p.lines
		}
		return
	}
	w := p.unwrap(text)
	switch w.kind {
	case wrapOther:
		return
	case wrapSystemd:
		p.systemd(w.body, p.lines)
		return
	}
	if recv.IsZero() && w.outer.valid {
		recv = w.outer.time(&p.zones)
	}
	p.pid = p.pid[:0]
	if w.pid != nil {
		p.checkPID(w.pid)
	}
	l := line{n: p.lines, raw: w.body, body: trimBlank(w.body), recv: recv, outer: w.outer, outerSource: w.outerSource, stream: w.stream, json: w.record}
	if w.hasJournal {
		p.journal = w.journal
		l.journal = &p.journal
	}
	p.dispatch(&l)
}

// isFrame recognises an unwrapped stack frame, "\tat …".
func isFrame(b []byte) bool {
	return len(b) > 4 && b[0] == '\t' && b[1] == 'a' && b[2] == 't' && b[3] == ' '
}

// outerOf returns the wrapper's timestamp of a line; a journal prefix is
// dated now, with the year of the latest Jenkins timestamp.
func (p *Parser) outerOf(l *line) stamp {
	if l.journal != nil && !l.outer.valid {
		l.outerSource = ClockJournal
		return p.journalStamp(*l.journal)
	}
	return l.outer
}

// dispatch sends a line to the reader of its format.
func (p *Parser) dispatch(l *line) {
	if p.pending.active {
		if lv, msg, ok := parseLevelLine(l.body); ok {
			p.julRecord(lv, msg, l)
			return
		}
	}
	p.flushPending()
	b := l.body
	switch {
	case l.json:
		if r, ok := p.jsonRecord(); ok {
			p.record(r, l, l)
			p.jsonThrown()
			return
		}
	case len(b) > 0 && isDigit(b[0]):
		if r, ok := parseModern(b); ok {
			p.record(r, l, l)
			return
		}
	case bytes.HasPrefix(b, []byte("at ")):
		p.untimestamped(l)
		return
	case len(b) > 0 && b[0] == '[':
		if r, ok := parseWinstone(b, p.loc); ok {
			p.zoneUsed = true
			p.record(r, l, l)
			return
		}
	}
	if at, source, ok := parseJULHeader(b, p.loc); ok {
		p.zoneUsed = true
		p.pending.hold(at, source, l)
		return
	}
	p.untimestamped(l)
}

// noteTime remembers the latest Jenkins timestamp, which dates journal
// prefixes.
func (p *Parser) noteTime(at stamp) {
	if at.unixMS > p.lastMS || !p.haveTime {
		p.lastMS, p.haveTime = at.unixMS, true
	}
}
