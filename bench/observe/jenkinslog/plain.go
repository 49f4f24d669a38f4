package jenkinslog

import "bytes"

// Lines without a timestamp of Jenkins's own.
var (
	runningFrom = []byte("Running from: ")
	webroot     = []byte("webroot: ")
	homeDir     = []byte("Jenkins home directory: ")
)

// entrypointOpeners are lines of the official image's jenkins.sh or of
// the java launcher that come before Jenkins logs anything; after a
// failed or running start they begin a new one (a restart loop).
var entrypointOpeners = [][]byte{
	[]byte("touch: cannot touch"), []byte("Can not write to "),
	[]byte("Error: Invalid or corrupt jarfile"), []byte("Error: Unable to access jarfile"),
}

// untimestamped handles a line without a timestamp of Jenkins's own.
func (p *Parser) untimestamped(l *line) {
	b := l.body
	switch {
	case frameLine(b):
		if p.cur != nil {
			p.cur.LastLine = l.n
		}
	case bytes.HasPrefix(b, runningFrom):
		p.launcherLine(l, true)
	case bytes.HasPrefix(b, webroot):
		p.launcherLine(l, false)
	case bytes.HasPrefix(b, homeDir):
		p.boundary(msgHome, l.n)
		p.launcherLine(l, false)
		p.cur.noteKind(msgHome, l.n, b)
	default:
		p.otherLine(l)
	}
}

// frameLine recognises stack frames ("at …", "... 12 more"): they never
// explain anything and are left out of Failure.LastLines.
func frameLine(b []byte) bool {
	return bytes.HasPrefix(b, []byte("at ")) || (bytes.HasPrefix(b, []byte("... ")) && bytes.HasSuffix(b, []byte(" more")))
}

// launcherLine handles "Running from:", "webroot:" and the early "Jenkins
// home directory:" line, printed before the JVM logs anything.
func (p *Parser) launcherLine(l *line, running bool) {
	p.endRecord()
	if running && p.cur != nil && p.launchedAgain() {
		p.closeStart(closeCause{why: causeNewStart, line: l.n})
	}
	st := p.open(l)
	st.jvm, st.launcher = true, true
	st.runningFrom = st.runningFrom || running
	st.attach(l)
	if running && !l.recv.IsZero() {
		e := Event{Name: RunningFrom, Message: text(l.body), Line: l.n, Received: l.recv}
		if outer := p.outerOf(l); outer.valid {
			e.Outer = outer.time(&p.zones)
		}
		if st.clock.started {
			// Stored after the first records: it was printed about when they were.
			e.OffsetMS = nsToMS(st.clock.latest - st.clock.origin)
		}
		st.addEvent(e)
	}
}

// launchedAgain tells whether a "Running from:" line begins a new start:
// when the current one already had its own, or got past the war
// extraction, or failed. "Running from:" goes to stdout and log records
// to stderr, and a collector that reads the two pipes apart (Docker
// does) may store the first records before it.
func (p *Parser) launchedAgain() bool {
	st := p.cur
	return st.runningFrom || st.fatal || st.stop.Line > 0 || st.started(^(eventBits[RunningFrom] | eventBits[WarExtraction]))
}

// otherLine handles level lines without a header, entrypoint output,
// stack trace headers, banners and unknown lines.
func (p *Parser) otherLine(l *line) {
	if p.unglue(l) {
		return
	}
	if !l.stream && p.noise(l) {
		return
	}
	if lv, msg, ok := parseLevelLine(l.body); ok {
		p.orphanLevelLine(l, lv, msg)
		return
	}
	opener := hasAnyPrefix(l.body, entrypointOpeners)
	if opener && p.cur != nil && (p.cur.jvm || p.cur.fatal) {
		p.closeStart(closeCause{why: causeNewStart, line: l.n})
	}
	if p.cur == nil && !l.stream && !opener {
		return
	}
	st := p.open(l)
	st.attach(l)
	if st.FullyUp {
		st.noteOOM(l.n, l.body)
	}
	if opener || bytes.HasPrefix(l.body, outsideRecords) {
		p.endRecord()
	}
	p.continuation(st, l.body)
	if reason, sig := fatalLine(l.body); reason != "" && !st.FullyUp {
		st.note(signatureOf(l.body))
		st.note(sig)
		p.fail(st, reason, sig)
	}
}

// outsideRecords starts the JVM's report of an uncaught exception, which
// is never part of the record before it.
var outsideRecords = []byte("Exception in thread ")

// orphanLevelLine handles "WARNING: …" without a header: JVM warnings
// printed to stderr, or a two-line record whose header was cut off.
func (p *Parser) orphanLevelLine(l *line, lv level, msg []byte) {
	p.endRecord()
	st := p.open(l)
	st.attach(l)
	p.rec = recordContext{level: lv}
	if lv == levelSevere {
		p.severe(st, msg)
	}
	if reason, sig := fatalMessage(msg, lv); reason != "" && !st.FullyUp {
		st.note(sig)
		p.fail(st, reason, sig)
	}
}

// fatalLine recognises output outside records after which Jenkins does
// not come up.
func fatalLine(b []byte) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte("Can not write to ")):
		return text(b), SignaturePermissionDenied
	case bytes.HasPrefix(b, []byte("Error: Invalid or corrupt jarfile")):
		return text(b), SignatureWarCorrupt
	case bytes.HasPrefix(b, []byte("Error: Unable to access jarfile")):
		return text(b), SignatureBootFailure
	case bytes.HasPrefix(b, []byte("Exception in thread \"main\" ")):
		return text(b), SignatureBootFailure
	}
	return "", ""
}

func hasAnyPrefix(b []byte, prefixes [][]byte) bool {
	for _, p := range prefixes {
		if bytes.HasPrefix(b, p) {
			return true
		}
	}
	return false
}
