package jenkinslog

import (
	"bytes"
	"slices"
	"time"
)

// signaturePatterns are texts that name a cause of failure wherever they
// appear in a SEVERE record, its stack trace or output outside records.
var signaturePatterns = []struct {
	text      []byte
	signature string
}{
	{[]byte("Permission denied"), SignaturePermissionDenied},
	{[]byte("AccessDeniedException"), SignaturePermissionDenied},
	{[]byte("Wrong volume permissions"), SignaturePermissionDenied},
	{[]byte("Operation not permitted"), SignaturePermissionDenied},
	{[]byte("Read-only file system"), SignaturePermissionDenied},
	{[]byte("OutOfMemoryError"), SignatureOutOfMemory},
	{[]byte("Cannot allocate memory"), SignatureOutOfMemory},
	{[]byte("BindException"), SignaturePortInUse},
	{[]byte("Address already in use"), SignaturePortInUse},
	{[]byte("ZipException"), SignatureWarCorrupt},
	{[]byte("Invalid or corrupt jarfile"), SignatureWarCorrupt},
	{[]byte("invalid LOC header"), SignatureWarCorrupt},
	{[]byte("END header not found"), SignatureWarCorrupt},
	{[]byte("Unexpected end of ZLIB input stream"), SignatureWarCorrupt},
	{[]byte("error in opening zip file"), SignatureWarCorrupt},
}

func signatureOf(b []byte) string {
	for _, p := range signaturePatterns {
		if bytes.Contains(b, p.text) {
			return p.signature
		}
	}
	return ""
}

// note keeps the most specific signature seen in the start.
func (st *startState) note(sig string) {
	if sig == "" || st.frozen {
		return
	}
	if st.evidence == "" || signatureRank[sig] < signatureRank[st.evidence] {
		st.evidence = sig
	}
}

// signature is the start's signature: the most specific evidence, else
// what the fatal line implies, else incomplete.
func (st *startState) signature() string {
	switch {
	case st.evidence != "" && (st.fatalSig == "" || signatureRank[st.evidence] < signatureRank[st.fatalSig]):
		return st.evidence
	case st.fatalSig != "":
		return st.fatalSig
	}
	return SignatureIncomplete
}

// refresh brings the derived fields of Start up to date for Current.
func (st *startState) refresh() {
	st.Phases, _ = st.phases(false)
	if st.Failure != nil && !st.frozen {
		st.refreshFailure()
	}
}

func (st *startState) refreshFailure() {
	f := st.Failure
	f.Signature = st.signature()
	f.Severe = slices.Clone(st.severeList)
	f.Exception = st.exception
	f.LastLines = st.tail.lines()
}

// summary returns the finished Start, closed for cause c, which explains
// a start that ends before fully up without a fatal line. A closing start
// hands its slices over; otherwise they are copied, so that reading on is
// not disturbed.
func (st *startState) summary(c closeCause, closing bool) Start {
	s := st.Start
	if !closing {
		s.Events = slices.Clone(st.Events)
		s.SlowestTasks = slices.Clone(st.SlowestTasks)
		s.Warnings = slices.Clone(st.Warnings)
	}
	var warnings []Warning
	s.Phases, warnings = st.phases(true)
	s.Warnings = append(s.Warnings, warnings...)
	s.Warnings = append(s.Warnings, st.endWarnings()...)
	s.Failure = st.finalFailure(c)
	s.FullyUpAt, s.End = st.fullyUpAt(), st.end()
	s.Ended = st.ending(c)
	return s
}

func (st *startState) finalFailure(c closeCause) *Failure {
	if st.Failure != nil {
		f := *st.Failure
		if !st.frozen {
			f.Signature, f.Severe, f.Exception = st.signature(), slices.Clone(st.severeList), st.exception
			f.LastLines = st.tail.lines()
		}
		return &f
	}
	if st.FullyUp {
		return nil
	}
	reason := c.reason()
	if len(st.lastSevere) > 0 {
		reason += "; last SEVERE: " + string(bytes.TrimSpace(st.lastSevere))
	}
	return &Failure{
		Reason: reason, Signature: st.signature(), Severe: slices.Clone(st.severeList),
		Exception: st.exception, LastLines: st.tail.lines(),
	}
}

// fullyUpAt is when the start was fully up on its clock: the line's own
// time, or the origin plus the offset when a wrapper's clock times it.
func (st *startState) fullyUpAt() time.Time {
	if !st.FullyUp {
		return time.Time{}
	}
	for _, e := range st.Events {
		if e.Name != FullyUp {
			continue
		}
		if st.Clock.Source == ClockJenkins || st.Origin.IsZero() {
			return e.Time
		}
		return st.Origin.Add(time.Duration(e.OffsetMS * float64(time.Millisecond)))
	}
	return time.Time{}
}

// end is the time of the start's last record on its clock, placed by
// Jenkins's own time since the origin.
func (st *startState) end() time.Time {
	if !st.clock.started || st.Origin.IsZero() {
		return time.Time{}
	}
	return st.Origin.Add(time.Duration(st.lastLog - st.clock.originLog))
}

// exceptionHeader recognises the first line of a stack trace:
// "java.io.IOException: …", "Caused by: …", "Caused: …" or
// `Exception in thread "main" java.lang.OutOfMemoryError: …`.
func exceptionHeader(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("Caused by: "))
	b = bytes.TrimPrefix(b, []byte("Caused: "))
	if rest, ok := bytes.CutPrefix(b, []byte("Exception in thread \"")); ok {
		if end := bytes.IndexByte(rest, '"'); end >= 0 {
			b = bytes.TrimLeft(rest[end+1:], " ")
		}
	}
	end := bytes.IndexByte(b, ':')
	if end < 0 {
		end = len(b)
	}
	name := b[:end]
	dot := bytes.LastIndexByte(name, '.')
	if dot <= 0 || dot+1 >= len(name) || name[dot+1] < 'A' || name[dot+1] > 'Z' {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '$' || c == '_') {
			return false
		}
	}
	return true
}

// continuation reads an untimestamped line inside a start: it may carry
// the exception of a SEVERE record, or a cause of failure.
func (p *Parser) continuation(st *startState, b []byte) {
	if !p.rec.evidence() || st.FullyUp {
		return
	}
	st.note(signatureOf(b))
	if exceptionHeader(b) {
		p.exceptionLine(st, b)
		return
	}
	if p.rec.wantDetail && bytes.HasPrefix(b, []byte("- ")) {
		st.exception += " " + text(b)
	}
	p.rec.wantDetail = false
}

func (p *Parser) exceptionLine(st *startState, b []byte) {
	if !p.rec.exception {
		p.rec.exception = true
		if p.rec.fatal && st.Failure != nil && !st.frozen {
			st.Failure.Reason += ": " + text(b)
		}
	}
	if st.exception == "" {
		st.exception = text(b)
		p.rec.wantDetail = true
		return
	}
	p.rec.wantDetail = false
}
