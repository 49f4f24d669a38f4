package jenkinslog

import "bytes"

// level is a java.util.logging level, whatever the language it was
// written in.
type level uint8

const (
	levelNone level = iota // untimestamped output, not a record
	levelFine
	levelConfig
	levelInfo
	levelWarning
	levelSevere
)

// record is one log record: a single line in the current format, or the
// header and message lines of the two-line format.
type record struct {
	at      stamp
	level   level
	logger  []byte // "jenkins.InitReactorRunner$1#onAttained" or "… onAttained"
	message []byte // the first line of the message
	// cut is true when a terminal cut the line ("winstone.Logge>").
	cut bool
}

// parseModernStamp reads "2024-04-19 00:52:09.255+0000", the timestamp
// of Winstone's SupportLogFormatter (since 2019), and returns the bytes
// consumed.
func parseModernStamp(b []byte) (stamp, int) {
	if len(b) < 24 || b[4] != '-' || b[10] != ' ' || b[7] != '-' || b[13] != ':' || b[16] != ':' || (b[19] != '.' && b[19] != ',') {
		return stamp{}, 0
	}
	y, mo, d := digits(b[0:4]), digits(b[5:7]), digits(b[8:10])
	h, mi, s, ms := digits(b[11:13]), digits(b[14:16]), digits(b[17:19]), digits(b[20:23])
	if y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || s < 0 || ms < 0 || !validCivil(y, mo, d, h, mi, s) {
		return stamp{}, 0
	}
	off, n, ok := parseOffset(b[23:], true)
	if !ok {
		return stamp{}, 0
	}
	return stamp{unixMS: civilMS(y, mo, d, h, mi, s, ms, off), offset: int32(off), valid: true}, 23 + n
}

// parseModern reads a record of the current one-line format:
// "<stamp> [id=N]<TAB>LEVEL<TAB>logger#method: message". TABs turned into
// runs of spaces (terminals, pastes) are accepted.
func parseModern(b []byte) (record, bool) {
	at, n := parseModernStamp(b)
	if n == 0 || n >= len(b) || (b[n] != ' ' && b[n] != '\t') {
		return record{}, false
	}
	rest := trimBlank(b[n:])
	if bytes.HasPrefix(rest, []byte("[id=")) {
		if end := bytes.IndexByte(rest, ']'); end > 0 {
			rest = trimBlank(rest[end+1:])
		}
	}
	r := record{at: at}
	word := wordEnd(rest)
	r.level = modernLevel(rest[:word])
	if r.level == levelNone {
		return record{}, false
	}
	rest = trimBlank(rest[word:])
	r.logger, r.message, r.cut = splitLogger(rest)
	return r, true
}

// splitLogger splits "logger#method: message" at the first ": ".
func splitLogger(b []byte) (logger, message []byte, cut bool) {
	end := wordEnd(b)
	token := b[:end]
	if len(token) > 0 && token[len(token)-1] == ':' {
		msg := b[end:]
		if len(msg) > 0 {
			msg = msg[1:]
		}
		return token[:len(token)-1], msg, false
	}
	if end == len(b) && len(token) > 0 && token[len(token)-1] == '>' {
		return token, nil, true
	}
	if colon := bytes.Index(b, []byte(": ")); colon > 0 {
		return b[:colon], b[colon+2:], false
	}
	return nil, b, false
}

// trimBlank and trimBlankRight remove spaces and TABs; unlike
// bytes.TrimLeft with a cutset they cost nothing on the hot path.
func trimBlank(b []byte) []byte {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return b[i:]
}

func trimBlankRight(b []byte) []byte {
	i := len(b)
	for i > 0 && (b[i-1] == ' ' || b[i-1] == '\t') {
		i--
	}
	return b[:i]
}

// wordEnd returns the index of the first space or TAB in b (len(b) if
// none).
func wordEnd(b []byte) int {
	for i, c := range b {
		if c == ' ' || c == '\t' {
			return i
		}
	}
	return len(b)
}

func modernLevel(w []byte) level {
	switch string(w) {
	case "INFO":
		return levelInfo
	case "WARNING":
		return levelWarning
	case "SEVERE":
		return levelSevere
	case "CONFIG":
		return levelConfig
	case "FINE", "FINER", "FINEST":
		return levelFine
	}
	return levelNone
}
