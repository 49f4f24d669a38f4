package jenkinslog

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// chromePrefixes are lines that docker compose and kubectl print about
// themselves, not about Jenkins.
var chromePrefixes = [][]byte{
	[]byte("[+] "), []byte("Attaching to "), []byte("Defaulted container "),
	[]byte("Creating network "), []byte("Creating volume "),
	[]byte("Gracefully stopping"), []byte("Aborting on container exit"),
}

// noise recognises lines of the tools around the log: journalctl markers
// and pager footers, `systemctl status` headers, compose and kubectl
// chatter. A "-- Boot … --" marker ends the current start.
func (p *Parser) noise(l *line) bool {
	b := l.body
	if marker, boot := journalMarker(b); marker {
		if boot {
			p.closeStart(closeCause{why: causeReboot, line: l.n})
		}
		return true
	}
	indented := len(l.raw) > 0 && (l.raw[0] == ' ' || l.raw[0] == '\t')
	if pagerFooter(b) || systemctlHeader(indented, b) || hasAnyPrefix(b, chromePrefixes) {
		return true
	}
	if bytes.HasSuffix(b, []byte(" ... done")) || bytes.HasSuffix(b, []byte(" ... error")) {
		return true
	}
	r, _ := utf8.DecodeRune(b)
	return r >= 0x2800 && r <= 0x28ff || r == '✔' || r == '✘'
}

// systemd handles the journal lines of systemd about the Jenkins unit:
// "Starting …" begins a start; a failed or exited service ends it.
func (p *Parser) systemd(b []byte, n int) {
	if !containsFold(b, "jenkins") {
		return
	}
	l := &line{n: n, raw: b, body: b}
	switch {
	case bytes.HasPrefix(b, []byte("Starting ")):
		p.flushPending()
		p.endRecord()
		if p.cur != nil && (p.cur.jvm || p.cur.fatal) {
			p.closeStart(closeCause{why: causeNewStart, line: n})
		}
		st := p.open(l)
		st.launcher = true
		st.attach(l)
	case p.cur == nil:
	case systemdFailure(b):
		st := p.cur
		st.attach(l)
		if !st.FullyUp {
			st.note(SignatureBootFailure)
			p.fail(st, text(b), SignatureBootFailure)
		} else if st.endHint.Line == 0 {
			st.endHint = Ending{Line: n, Message: text(b)}
		}
	case bytes.HasPrefix(b, []byte("Stopping ")), bytes.HasPrefix(b, []byte("Stopped ")), bytes.Contains(b, []byte("Deactivated successfully")):
		p.cur.attach(l)
		p.cur.noteKind(msgShutdown, n, b)
	case bytes.HasPrefix(b, []byte("Started ")) && !p.cur.FullyUp:
		p.cur.attach(l)
		p.cur.warn(n, fmt.Sprintf("systemd reports the unit started at line %d but no fully-up line was read; with Type=notify (packages since Jenkins 2.335) that means Jenkins was up then, older units report it at once", n))
	default:
		p.cur.attach(l)
	}
}

func systemdFailure(b []byte) bool {
	switch {
	case bytes.Contains(b, []byte("Failed to start ")), bytes.Contains(b, []byte("Failed with result")):
		return true
	case bytes.Contains(b, []byte("Main process exited")):
		return !bytes.Contains(b, []byte("status=0/SUCCESS"))
	}
	return false
}

// checkPID ends the current start when the journal shows another
// process of the same unit.
func (p *Parser) checkPID(pid []byte) {
	p.pid = append(p.pid[:0], pid...)
	st := p.cur
	switch {
	case st == nil:
	case len(st.pid) == 0:
		st.pid = append(st.pid, pid...)
	case !bytes.Equal(st.pid, pid):
		p.flushPending()
		p.closeStart(closeCause{why: causeNewProcess, line: p.lines, pid: pid})
	}
}
