package jenkinslog

import (
	"bytes"
	"strconv"
)

// jsonRecord turns the fields of a JSON formatter line into a record.
// The time may be RFC 3339, the current format's stamp, or epoch
// milliseconds (or seconds) as a number.
func (p *Parser) jsonRecord() (record, bool) {
	j := &p.json
	at, ok := jsonTime(j.get(jkTime), j.fields[jkTime].number)
	if !ok {
		return record{}, false
	}
	msg := j.get(jkMessage)
	if nl := bytes.IndexByte(msg, '\n'); nl >= 0 {
		msg = msg[:nl]
	}
	logger := j.get(jkLogger)
	if method := j.get(jkMethod); len(method) > 0 && len(logger) > 0 {
		p.jlogger = append(append(append(p.jlogger[:0], logger...), '#'), method...)
		logger = p.jlogger
	}
	return record{at: at, level: jsonLevel(j.get(jkLevel)), logger: logger, message: bytes.TrimRight(msg, "\r")}, true
}

func jsonTime(b []byte, number bool) (stamp, bool) {
	if number {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil || v <= 0 || v > 1e15 {
			return stamp{}, false
		}
		if v < 1e11 { // seconds
			v *= 1000
		}
		return stamp{unixMS: int64(v), valid: true}, true
	}
	if s, n, ok := parseRFC3339(b); ok && n == len(b) {
		return s, true
	}
	if s, n := parseModernStamp(b); n == len(b) && n > 0 {
		return s, true
	}
	return stamp{}, false
}

func jsonLevel(b []byte) level {
	var upper [16]byte
	n := copy(upper[:], b)
	for i := range n {
		if upper[i] >= 'a' && upper[i] <= 'z' {
			upper[i] -= 'a' - 'A'
		}
	}
	switch string(upper[:n]) {
	case "SEVERE", "ERROR", "FATAL":
		return levelSevere
	case "WARNING", "WARN":
		return levelWarning
	case "CONFIG":
		return levelConfig
	case "FINE", "FINER", "FINEST", "DEBUG", "TRACE":
		return levelFine
	}
	return levelInfo
}

// jsonThrown reads the exception a JSON record carries in a field of its
// own, as its stack trace would be read.
func (p *Parser) jsonThrown() {
	thrown := p.json.get(jkThrown)
	if len(thrown) == 0 || p.cur == nil {
		return
	}
	if nl := bytes.IndexByte(thrown, '\n'); nl >= 0 {
		thrown = thrown[:nl]
	}
	p.continuation(p.cur, bytes.TrimSpace(thrown))
}
