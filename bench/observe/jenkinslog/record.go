package jenkinslog

import (
	"fmt"
	"slices"
	"time"
)

// recordContext describes the record that the following untimestamped
// lines (stack traces, banners) continue.
type recordContext struct {
	level level
	// fatal is true when this record made the start fail: its exception
	// completes Failure.Reason.
	fatal      bool
	exception  bool // the record's exception line was seen
	wantDetail bool // the next " - …" line details Start's first exception
}

// evidence tells whether the current context's lines may explain a
// failure: SEVERE records and output outside any record (entrypoint,
// JVM errors). WARNING and INFO stack traces never do.
func (c recordContext) evidence() bool {
	return c.level == levelSevere || c.level == levelNone
}

// record handles one log record; first is its first line (the header of
// a two-line record) and last its last.
func (p *Parser) record(r record, first, last *line) {
	kind := kindOf(r.message, r.logger)
	if st := p.cur; st != nil && st.FullyUp && !st.opens(kind) {
		p.afterUp(st, r, first, last)
		st.noteKind(kind, first.n, r.message)
		return
	}
	p.endRecord()
	p.noteTime(r.at)
	first.outer = p.outerOf(first)
	ev := eventOf(r)
	p.boundary(kind, first.n)
	st := p.open(first)
	st.jvm = true
	st.noteKind(kind, first.n, r.message)
	st.attach(first)
	if last.n != first.n {
		st.attach(last)
	}
	if r.cut {
		st.noteCut(first.n)
	}
	lt := lineTimes{log: r.at, outer: first.outer, outerSource: first.outerSource, recv: first.recv}
	offset := st.stamp(lt, p.received, &p.zones, first.n)
	st.lastLog = r.at.unixNS()
	st.closeWar(offset, first.outer)
	p.crossCheck(st, r.at, first)
	p.rec = recordContext{level: r.level}
	if ev != "" {
		p.event(st, ev, r, offset, first)
	}
	p.messageChecks(st, r.level, r.logger, r.message)
	if st.Uptime == nil {
		if up, ok := jvmUptime(r.message); ok {
			st.Uptime = &Uptime{OffsetMS: nsToMS(offset), UptimeMS: up}
		}
	}
}

// afterUp handles a record of a start that is fully up: its phases are
// final, so the record only counts as a line of the start (the bulk of a
// long log takes this path).
func (p *Parser) afterUp(st *startState, r record, first, last *line) {
	p.noteTime(r.at)
	st.lastLog = r.at.unixNS()
	st.attach(first)
	if last.n != first.n {
		st.attach(last)
	}
	p.rec = recordContext{level: r.level}
	if r.level >= levelWarning {
		st.noteOOM(first.n, r.message)
	}
}

// boundary closes the current start when a record of kind k can only
// belong to a new one (see startState.opens).
func (p *Parser) boundary(k msgKind, n int) {
	if st := p.cur; st != nil && st.opens(k) {
		p.closeStart(closeCause{why: causeNewStart, line: n})
	}
}

// open returns the current start, opening one at l when there is none.
func (p *Parser) open(l *line) *startState {
	if p.cur == nil {
		p.starts++
		p.state.reset(p.starts, l.n, l.recv, &p.tail, p.events[:0])
		p.cur = &p.state
		p.cur.pid = append(p.cur.pid, p.pid...)
	}
	return p.cur
}

// closeStart ends the current start for cause c, which tells how it
// ended and why it did not come up when no fatal line says.
func (p *Parser) closeStart(c closeCause) {
	if p.cur == nil {
		return
	}
	p.endRecord()
	st := p.cur
	p.events = st.Events[:0]
	st.Events = slices.Clone(st.Events)
	s := st.summary(c, true)
	p.history.add(s)
	p.kept.add(s)
	p.cur, p.rec = nil, recordContext{}
}

// endRecord is called when a record ends: a fatal record's tail and
// signature are fixed then.
func (p *Parser) endRecord() {
	if st := p.cur; st != nil && p.rec.fatal && !st.frozen {
		st.frozen = true
		st.refreshFailure()
	}
	p.rec = recordContext{}
}

func (st *startState) attach(l *line) {
	st.LastLine = l.n
	st.tail.add(l.raw)
}

func (st *startState) noteCut(n int) {
	if st.cutLines == 0 {
		st.firstCut = n
	}
	st.cutLines++
}

// closeWar ends an open war_extraction phase at the current record
// (offset in ns).
func (st *startState) closeWar(offset int64, outer stamp) {
	if !st.war.open {
		return
	}
	st.war.open, st.war.closed = false, true
	st.war.end, st.war.endOuter = offset, outer
}

// event records a milestone of the start.
func (p *Parser) event(st *startState, name string, r record, offset int64, l *line) {
	if st.has(name) {
		return
	}
	e := Event{
		Name: name, Message: eventMessage(name, r.message), Line: l.n,
		Time: r.at.time(&p.zones), Received: l.recv, OffsetMS: nsToMS(offset),
	}
	if l.outer.valid {
		e.Outer = l.outer.time(&p.zones)
	}
	if st.addEvent(e) && name == WarExtraction {
		st.war = warState{open: true, begin: offset, beginOuter: l.outer}
	}
}

// eventMessage returns the message of an event; milestones have fixed
// texts, which cost nothing to keep.
func eventMessage(name string, msg []byte) string {
	if fixed, ok := fixedMessages[name]; ok {
		return fixed
	}
	return text(msg)
}

var fixedMessages = buildFixedMessages()

func buildFixedMessages() map[string]string {
	m := map[string]string{
		WarExtraction: "Beginning extraction from war file",
		FullyUp:       "Jenkins is fully up and running",
	}
	for text, name := range milestones {
		m[name] = text
	}
	return m
}

// crossCheck compares the log's clock with a wrapper's once per start: a
// difference of hours means a zone-less log was read in the wrong zone.
func (p *Parser) crossCheck(st *startState, at stamp, l *line) {
	if st.outerSeen || !l.outer.valid {
		return
	}
	st.outerSeen = true
	diff := at.unixMS - l.outer.unixMS
	if diff < 0 {
		diff = -diff
	}
	if diff > 2000 {
		st.warn(l.n, fmt.Sprintf("the log's time and the wrapper's time differ by %s at line %d; if the log has no zone, give the right one (--tz)",
			time.Duration(diff)*time.Millisecond, l.n))
	}
}

// pendingHeader is the header line of a two-line record, waiting for its
// message line.
type pendingHeader struct {
	active  bool
	at      stamp
	source  []byte
	l       line
	raw     []byte
	journal journalLine
}

func (h *pendingHeader) hold(at stamp, source []byte, l *line) {
	h.active, h.at = true, at
	h.source = append(h.source[:0], source...)
	h.raw = append(h.raw[:0], l.raw...)
	h.l = *l
	h.l.raw, h.l.body = h.raw, h.raw
	if l.journal != nil {
		h.journal = *l.journal
		h.l.journal = &h.journal
	}
}

// julRecord completes a two-line record with its message line.
func (p *Parser) julRecord(lv level, msg []byte, l *line) {
	h := &p.pending
	h.active = false
	p.record(record{at: h.at, level: lv, logger: h.source, message: msg}, &h.l, l)
}

// flushPending handles a header whose message line never came.
func (p *Parser) flushPending() {
	h := &p.pending
	if !h.active {
		return
	}
	h.active = false
	p.record(record{at: h.at, level: levelInfo, logger: h.source}, &h.l, &h.l)
}
