package jenkinslog

import (
	"bytes"
	"time"
)

// The two-line java.util.logging format (before 2019, and still in some
// setups) writes a header line "<date> <time> [AM/PM] <class> <method>"
// and then "<LEVEL>: <message>", both localized.

// julHeaderWindow bounds where the time of a header can be: past it the
// line is a message, not a header.
const julHeaderWindow = 48

// parseJULHeader reads a header line and returns its time and source
// ("jenkins.InitReactorRunner$1 onAttained").
func parseJULHeader(b []byte, loc *time.Location) (stamp, []byte, bool) {
	hStart, colon := findClock(b)
	if colon < 0 {
		return stamp{}, nil, false
	}
	h, mi, s := digits(b[hStart:colon]), digits(b[colon+1:colon+3]), digits(b[colon+4:colon+6])
	datePart, rest := bytes.TrimRight(b[:hStart], " "), bytes.TrimLeft(b[colon+6:], " ")
	pm, marked := 0, false
	if m, n := dayPeriod(rest); n > 0 {
		pm, marked, rest = m, true, bytes.TrimLeft(rest[n:], " ")
	} else if m, n := dayPeriodSuffix(datePart); n > 0 {
		pm, marked, datePart = m, true, bytes.TrimRight(datePart[:len(datePart)-n], " ")
	}
	y, mo, d, ok := parseJULDate(datePart)
	if !ok || !javaSource(rest) {
		return stamp{}, nil, false
	}
	if marked {
		if h < 1 || h > 12 {
			return stamp{}, nil, false
		}
		h = h%12 + pm*12
	}
	if !validCivil(y, mo, d, h, mi, s) {
		return stamp{}, nil, false
	}
	return localStamp(loc, y, mo, d, h, mi, s, time.Second), rest, true
}

// findClock finds "H:MM:SS" preceded by a space within julHeaderWindow
// and returns the index of the hour and of the first colon.
func findClock(b []byte) (int, int) {
	limit := min(len(b), julHeaderWindow)
	c := bytes.IndexByte(b[:limit], ':')
	if c < 2 || c+6 > len(b) || b[c+3] != ':' || !isDigit(b[c-1]) {
		return -1, -1
	}
	if !isDigit(b[c+1]) || !isDigit(b[c+2]) || !isDigit(b[c+4]) || !isDigit(b[c+5]) {
		return -1, -1
	}
	h := c - 1
	if isDigit(b[h-1]) {
		h--
	}
	if h < 1 || b[h-1] != ' ' || (c+6 < len(b) && b[c+6] != ' ') {
		return -1, -1
	}
	return h, c
}

// parseJULDate reads the date in the forms SimpleFormatter produced:
// "Mar 01, 2015", "十二月 19, 2015", "3月 01, 2015", "2011/12/03",
// "01.03.2015", "1 mars 2015", "01-mar-2015", "2015. 3. 1".
func parseJULDate(b []byte) (y, mo, d int, ok bool) {
	tokens, n := dateTokens(b)
	if n != 3 {
		return 0, 0, 0, false
	}
	y, mo = -1, -1
	var numbers [3]int
	count := 0
	for _, t := range tokens[:3] {
		switch v := digits(t); {
		case v >= 0 && len(t) == 4:
			y = v
		case v >= 0:
			numbers[count] = v
			count++
		default:
			if mo = monthName(t); mo < 0 {
				return 0, 0, 0, false
			}
		}
	}
	return orderDate(y, mo, numbers[:count], yearFirst(tokens[0]))
}

// dateTokens splits a date at spaces, commas, slashes, dots and dashes;
// n is 4 when there are more than three tokens.
func dateTokens(b []byte) ([3][]byte, int) {
	var tokens [3][]byte
	n, start := 0, -1
	for i := 0; i <= len(b); i++ {
		sep := i == len(b) || isDateSeparator(b[i])
		switch {
		case !sep && start < 0:
			start = i
		case sep && start >= 0:
			if n == 3 {
				return tokens, 4
			}
			tokens[n], n, start = b[start:i], n+1, -1
		}
	}
	return tokens, n
}

// orderDate places the numbers that are not the year: with a month name
// the one left is the day; otherwise year-first dates are y/m/d (Japan,
// Korea, China) and year-last ones d.m.y (Europe).
func orderDate(y, mo int, numbers []int, yearFirst bool) (int, int, int, bool) {
	switch {
	case y < 0:
		return 0, 0, 0, false
	case mo > 0 && len(numbers) == 1:
		return y, mo, numbers[0], true
	case mo < 0 && len(numbers) == 2 && yearFirst:
		return y, numbers[0], numbers[1], true
	case mo < 0 && len(numbers) == 2:
		return y, numbers[1], numbers[0], true
	}
	return 0, 0, 0, false
}

func yearFirst(t []byte) bool { return len(t) == 4 && digits(t) >= 0 }

func isDateSeparator(c byte) bool {
	return c == ' ' || c == ',' || c == '/' || c == '.' || c == '-'
}

// monthName reads a month name or "3月" / "3월"; -1 if it is none.
func monthName(t []byte) int {
	for _, suffix := range []string{"月", "월"} {
		if num, ok := bytes.CutSuffix(t, []byte(suffix)); ok {
			if v := digits(num); v >= 1 && v <= 12 {
				return v
			}
		}
	}
	var lower [24]byte
	if len(t) > len(lower) {
		return -1
	}
	for i, c := range t {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if mo, ok := monthWords[string(lower[:len(t)])]; ok {
		return mo
	}
	return -1
}

// dayPeriod reads an AM/PM marker at the start of b: 0 for AM, 1 for PM.
func dayPeriod(b []byte) (int, int) {
	for i, words := range [][]string{amWords, pmWords} {
		for _, w := range words {
			if bytes.HasPrefix(b, []byte(w)) && (len(b) == len(w) || b[len(w)] == ' ') {
				return i, len(w)
			}
		}
	}
	return 0, 0
}

// dayPeriodSuffix reads an AM/PM marker at the end of b (Korean Java 6
// dates put it before the time).
func dayPeriodSuffix(b []byte) (int, int) {
	for i, words := range [][]string{amWords, pmWords} {
		for _, w := range words {
			if bytes.HasSuffix(b, []byte(w)) && (len(b) == len(w) || b[len(b)-len(w)-1] == ' ') {
				return i, len(w)
			}
		}
	}
	return 0, 0
}

// javaSource accepts "class method" or "class": a dotted Java name and
// at most one more word.
func javaSource(b []byte) bool {
	class, method, _ := bytes.Cut(b, []byte(" "))
	if len(class) == 0 || bytes.IndexByte(class, '.') < 0 || bytes.IndexByte(method, ' ') >= 0 {
		return false
	}
	for _, c := range class {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '$' || c == '_') {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// parseLevelLine reads the message line "INFO: message" (or "信息: …",
// "INFORMATION: …") and returns its level and message.
func parseLevelLine(b []byte) (level, []byte, bool) {
	limit := min(len(b), 32)
	colon := bytes.IndexByte(b[:limit], ':')
	width := 1
	if wide := bytes.Index(b[:limit], []byte("：")); wide >= 0 && (colon < 0 || wide < colon) {
		colon, width = wide, len("：")
	}
	if colon <= 0 {
		return levelNone, nil, false
	}
	var upper [32]byte
	word := upper[:colon]
	for i, c := range b[:colon] {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		word[i] = c
	}
	lv, ok := levelWords[string(word)]
	if !ok {
		return levelNone, nil, false
	}
	msg := b[colon+width:]
	if len(msg) > 0 && msg[0] == ' ' {
		msg = msg[1:]
	}
	return lv, msg, true
}

// parseWinstone reads the pre-Jetty Winstone format (Jenkins 1.x):
// "[Winstone 2011/12/03 19:03:16] - HTTP Listener started: port=8080".
func parseWinstone(b []byte, loc *time.Location) (record, bool) {
	const prefix = "[Winstone "
	if !bytes.HasPrefix(b, []byte(prefix)) || len(b) < len(prefix)+22 {
		return record{}, false
	}
	t := b[len(prefix):]
	if t[4] != '/' || t[7] != '/' || t[10] != ' ' || t[13] != ':' || t[16] != ':' || t[19] != ']' {
		return record{}, false
	}
	y, mo, d := digits(t[0:4]), digits(t[5:7]), digits(t[8:10])
	h, mi, s := digits(t[11:13]), digits(t[14:16]), digits(t[17:19])
	if !validCivil(y, mo, d, h, mi, s) || h < 0 || mi < 0 || s < 0 {
		return record{}, false
	}
	msg := bytes.TrimPrefix(t[20:], []byte(" - "))
	return record{at: localStamp(loc, y, mo, d, h, mi, s, time.Second), level: levelInfo, logger: []byte("winstone"), message: msg}, true
}
