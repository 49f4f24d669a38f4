package jenkinslog

import (
	"unicode/utf16"
	"unicode/utf8"
)

// jsonField is a top-level string or number of a flat JSON object, as
// offsets into jsonScanner.buf (strings unescaped) or into the line
// (numbers, raw).
type jsonField struct {
	start, end int
	number     bool
	set        bool
}

// jsonScanner reads the fields jenkinslog needs from one JSON object per
// line: Docker's json-file records ({"log":…,"stream":…,"time":…}) and
// the records of JSON log formatters. It reuses one buffer, so a line
// costs no allocation; nested objects and arrays are skipped.
type jsonScanner struct {
	buf    []byte
	line   []byte
	fields [jsonKeys]jsonField
}

// Keys the scanner keeps; several spellings map to one key.
const (
	jkLog = iota
	jkTime
	jkMessage
	jkLevel
	jkLogger
	jkMethod
	jkThrown
	jsonKeys
)

var jsonKeyNames = map[string]int{
	"log": jkLog, "time": jkTime, "@timestamp": jkTime, "timestamp": jkTime,
	"ts": jkTime, "instant": jkTime, "millis": jkTime, "date": jkTime,
	"message": jkMessage, "msg": jkMessage,
	"level": jkLevel, "severity": jkLevel, "log.level": jkLevel, "levelname": jkLevel,
	"logger_name": jkLogger, "logger": jkLogger, "loggerName": jkLogger,
	"logger.name": jkLogger, "sourceClassName": jkLogger,
	"sourceMethodName": jkMethod, "method": jkMethod,
	"stack_trace": jkThrown, "thrown": jkThrown, "exception": jkThrown,
}

// scan parses line; it reports false when line is no JSON object.
func (j *jsonScanner) scan(line []byte) bool {
	j.buf, j.line, j.fields = j.buf[:0], line, [jsonKeys]jsonField{}
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = skipSpace(line, i+1)
	for i < len(line) && line[i] != '}' {
		next, ok := j.member(line, i)
		if !ok {
			return false
		}
		i = skipSpace(line, next)
		if i < len(line) && line[i] == ',' {
			i = skipSpace(line, i+1)
		}
	}
	return i < len(line)
}

// member reads one "key": value pair starting at i.
func (j *jsonScanner) member(line []byte, i int) (int, bool) {
	keyStart := len(j.buf)
	next, ok := j.str(line, i)
	if !ok {
		return 0, false
	}
	key, known := jsonKeyNames[string(j.buf[keyStart:])]
	j.buf = j.buf[:keyStart]
	i = skipSpace(line, next)
	if i >= len(line) || line[i] != ':' {
		return 0, false
	}
	i = skipSpace(line, i+1)
	if i >= len(line) {
		return 0, false
	}
	switch c := line[i]; {
	case c == '"':
		start := len(j.buf)
		next, ok = j.str(line, i)
		if ok && known && !j.fields[key].set {
			j.fields[key] = jsonField{start: start, end: len(j.buf), set: true}
		}
		return next, ok
	case c == '{' || c == '[':
		return skipComposite(line, i)
	default:
		end := i
		for end < len(line) && line[end] != ',' && line[end] != '}' && line[end] != ' ' {
			end++
		}
		if known && !j.fields[key].set {
			j.fields[key] = jsonField{start: i, end: end, number: true, set: true}
		}
		return end, end > i
	}
}

// get returns a field's bytes, nil when absent.
func (j *jsonScanner) get(key int) []byte {
	f := j.fields[key]
	switch {
	case !f.set:
		return nil
	case f.number:
		return j.line[f.start:f.end]
	}
	return j.buf[f.start:f.end]
}

// str unescapes the JSON string at line[i] (an opening quote) onto buf.
func (j *jsonScanner) str(line []byte, i int) (int, bool) {
	if i >= len(line) || line[i] != '"' {
		return 0, false
	}
	for i++; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			return i + 1, true
		case c != '\\':
			j.buf = append(j.buf, c)
			continue
		}
		i++
		if i >= len(line) {
			return 0, false
		}
		var ok bool
		if i, ok = j.escape(line, i); !ok {
			return 0, false
		}
	}
	return 0, false
}

// escape decodes the escape whose letter is at line[i] and returns the
// index of its last byte.
func (j *jsonScanner) escape(line []byte, i int) (int, bool) {
	switch line[i] {
	case '"', '\\', '/':
		j.buf = append(j.buf, line[i])
	case 'b':
		j.buf = append(j.buf, '\b')
	case 'f':
		j.buf = append(j.buf, '\f')
	case 'n':
		j.buf = append(j.buf, '\n')
	case 'r':
		j.buf = append(j.buf, '\r')
	case 't':
		j.buf = append(j.buf, '\t')
	case 'u':
		r, end, ok := hexRune(line, i+1)
		if !ok {
			return 0, false
		}
		if utf16.IsSurrogate(r) {
			if r2, end2, ok2 := lowSurrogate(line, end); ok2 {
				r, end = utf16.DecodeRune(r, r2), end2
			}
		}
		j.buf = utf8.AppendRune(j.buf, r)
		return end - 1, true
	default:
		return 0, false
	}
	return i, true
}

func lowSurrogate(line []byte, i int) (rune, int, bool) {
	if i+1 < len(line) && line[i] == '\\' && line[i+1] == 'u' {
		return hexRune(line, i+2)
	}
	return 0, 0, false
}

// hexRune reads four hex digits at line[i:].
func hexRune(line []byte, i int) (rune, int, bool) {
	if i+4 > len(line) {
		return 0, 0, false
	}
	var r rune
	for _, c := range line[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, 0, false
		}
	}
	return r, i + 4, true
}

// skipComposite skips a nested object or array starting at line[i].
func skipComposite(line []byte, i int) (int, bool) {
	depth, inString := 0, false
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}
