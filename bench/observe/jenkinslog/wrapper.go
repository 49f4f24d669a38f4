package jenkinslog

import (
	"bytes"
	"time"
)

// wrapKind tells what a wrapper made of a line.
type wrapKind uint8

const (
	wrapPlain   wrapKind = iota // Jenkins's own output (maybe wrapped)
	wrapSystemd                 // a journal line from systemd itself
	wrapOther                   // another compose service, container or process
)

// wrapped is a line with its wrappers removed: Docker or kubectl
// timestamps, Docker's json-file records, compose and kubectl prefixes,
// systemd journal prefixes.
type wrapped struct {
	body  []byte
	outer stamp
	// outerSource names the clock of outer: ClockTimestamps or
	// ClockJSONFile (journal prefixes are dated later, see journal).
	outerSource string
	// journal is the journal prefix, dated only once a Jenkins timestamp
	// gives its year (see Parser.outerOf).
	journal    journalLine
	hasJournal bool
	// stream is true when a wrapper vouches that the line comes from one
	// process or container (Docker timestamps, json-file, a prefix).
	stream bool
	kind   wrapKind
	pid    []byte // journal process id
	// record is true when body is a JSON formatter record whose fields
	// are in Parser.json.
	record bool
}

// unwrap peels the wrappers off text, in any of the orders the tools
// produce them (kubectl --prefix before --timestamps, compose before
// docker-compose logs -t).
func (p *Parser) unwrap(text []byte) wrapped {
	w := wrapped{body: text}
	if len(text) > 0 && text[0] == 0x1b {
		p.ansi = stripANSI(p.ansi[:0], text)
		w.body = p.ansi
	}
	if p.unwrapJournal(&w) {
		return w
	}
	var doneJSON, doneStamp, donePrefix bool
	for changed := true; changed; {
		changed = false
		if !doneJSON && len(w.body) > 0 && w.body[0] == '{' {
			doneJSON, changed = true, p.unwrapJSON(&w)
		}
		if !doneStamp {
			if s, rest, ok := parseRFC3339Prefix(w.body); ok {
				s.res = time.Nanosecond // Docker and kubectl write RFC3339Nano
				w.outer, w.outerSource = s, ClockTimestamps
				w.body, w.stream, doneStamp, changed = rest, true, true, true
			}
		}
		if !donePrefix {
			if name, rest, ok := cutPrefix(w.body); ok {
				w.body, w.stream, donePrefix, changed = rest, true, true, true
				w.kind = p.sources.judge(name, rest)
			}
		}
	}
	return w
}

// unwrapJSON reads a docker json-file record or a JSON formatter record.
func (p *Parser) unwrapJSON(w *wrapped) bool {
	if !p.json.scan(w.body) {
		return false
	}
	if log := p.json.get(jkLog); log != nil {
		s, n, ok := parseRFC3339(p.json.get(jkTime))
		ok = ok && n == len(p.json.get(jkTime))
		p.jbody = append(p.jbody[:0], bytes.TrimRight(log, "\r\n")...)
		w.body, w.stream = p.jbody, true
		if ok {
			s.res = time.Nanosecond // Docker's json-file keeps its clock's nanoseconds
			w.outer, w.outerSource = s, ClockJSONFile
		}
		if len(w.body) > 0 && w.body[0] == '{' && p.json.scan(w.body) {
			w.record = p.json.get(jkMessage) != nil
		}
		return true
	}
	w.record = p.json.get(jkMessage) != nil
	return false
}

// unwrapJournal removes a "Mon DD HH:MM:SS host ident[pid]: " prefix.
func (p *Parser) unwrapJournal(w *wrapped) bool {
	j, ok := parseJournalPrefix(w.body)
	if !ok {
		return false
	}
	w.body, w.pid, w.stream = j.body, j.pid, true
	w.journal, w.hasJournal = j, true
	switch {
	case string(j.ident) == "systemd":
		w.kind = wrapSystemd
	default:
		w.kind = p.sources.judge(j.ident, j.body)
	}
	return true
}

// stripANSI removes terminal escape sequences (compose colours service
// names).
func stripANSI(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] != 0x1b {
			dst = append(dst, s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '[' {
			i += 2
			for i < len(s) && (s[i] < '@' || s[i] > '~') {
				i++
			}
		}
	}
	return dst
}

// parseRFC3339Prefix reads "2016-07-16T15:27:23.261353343Z " (Docker and
// kubectl --timestamps) and returns the rest of the line after one space.
func parseRFC3339Prefix(b []byte) (stamp, []byte, bool) {
	s, n, ok := parseRFC3339(b)
	if !ok || n >= len(b) || b[n] != ' ' {
		return stamp{}, nil, false
	}
	return s, b[n+1:], true
}

// parseRFC3339 reads an RFC 3339 timestamp with up to nine fraction
// digits and returns the bytes consumed.
func parseRFC3339(b []byte) (stamp, int, bool) {
	if len(b) < 20 || b[10] != 'T' || b[4] != '-' || b[7] != '-' || b[13] != ':' || b[16] != ':' {
		return stamp{}, 0, false
	}
	y, mo, d := digits(b[0:4]), digits(b[5:7]), digits(b[8:10])
	h, mi, s := digits(b[11:13]), digits(b[14:16]), digits(b[17:19])
	if y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || !validCivil(y, mo, d, h, mi, s) {
		return stamp{}, 0, false
	}
	i, nanos, res := 19, 0, time.Second
	if b[i] == '.' || b[i] == ',' {
		start := i + 1
		i, nanos = fraction(b, start)
		res = fractionResolution(i - start)
	}
	off, n, ok := parseOffset(b[i:], true)
	if !ok {
		return stamp{}, 0, false
	}
	ms := civilMS(y, mo, d, h, mi, s, nanos/1e6, off)
	return stamp{unixMS: ms, nanos: int32(nanos % 1e6), offset: int32(off), res: res, valid: true}, i + n, true
}

// fractionResolution is the resolution that n fraction digits write.
// Docker and kubectl trim trailing zeros, so their stamps say less than
// their clock has: their callers set the resolution themselves.
func fractionResolution(n int) time.Duration {
	res := time.Second
	for ; n > 0 && res > 1; n-- {
		res /= 10
	}
	return res
}

// fraction reads up to nine fraction digits at b[i:] as nanoseconds.
func fraction(b []byte, i int) (int, int) {
	nanos, scale := 0, 100000000
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		nanos += int(b[i]-'0') * scale
		scale /= 10
	}
	return i, nanos
}

// parseOffset reads "Z", "+hhmm" or "+hh:mm" and returns seconds east of
// UTC and the bytes consumed.
func parseOffset(b []byte, allowZ bool) (int, int, bool) {
	if len(b) > 0 && b[0] == 'Z' && allowZ {
		return 0, 1, true
	}
	if len(b) < 5 || (b[0] != '+' && b[0] != '-') {
		return 0, 0, false
	}
	h, n := digits(b[1:3]), 3
	if b[3] == ':' {
		n++
	}
	if len(b) < n+2 {
		return 0, 0, false
	}
	m := digits(b[n : n+2])
	if h < 0 || m < 0 || h > 23 || m > 59 {
		return 0, 0, false
	}
	off := h*3600 + m*60
	if b[0] == '-' {
		off = -off
	}
	return off, n + 2, true
}

// digits reads a run of ASCII digits, -1 if any byte is no digit.
func digits(b []byte) int {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}
