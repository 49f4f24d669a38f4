package jenkinslog

import (
	"bytes"
	"time"
)

// journalLine is a line of `journalctl` (short or short-precise output):
// "Apr 21 11:16:47 host jenkins[820792]: body".
type journalLine struct {
	month, day  int
	hour, min   int
	sec, micros int
	precise     bool // short-precise output: microseconds
	ident, pid  []byte
	body        []byte
}

var englishMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// parseJournalPrefix recognises the journal prefix; the day may be padded
// with a space ("Apr  1").
func parseJournalPrefix(b []byte) (journalLine, bool) {
	var j journalLine
	if len(b) < 20 || b[0] < 'A' || b[0] > 'S' || b[3] != ' ' {
		return j, false
	}
	if j.month = englishMonth(b[:3]); j.month == 0 {
		return j, false
	}
	i := 4
	if b[i] == ' ' {
		i++
	}
	start := i
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	j.day = digits(b[start:i])
	if i-start < 1 || i-start > 2 || i+9 > len(b) || b[i] != ' ' || b[i+3] != ':' || b[i+6] != ':' {
		return j, false
	}
	j.hour, j.min, j.sec = digits(b[i+1:i+3]), digits(b[i+4:i+6]), digits(b[i+7:i+9])
	if j.hour < 0 || j.min < 0 || j.sec < 0 || j.day < 1 || j.day > 31 {
		return j, false
	}
	i += 9
	if i < len(b) && b[i] == '.' {
		var nanos int
		i, nanos = fraction(b, i+1)
		j.micros, j.precise = nanos/1000, true
	}
	return j, j.source(b, i)
}

// source reads " host ident[pid]: body" at b[i:].
func (j *journalLine) source(b []byte, i int) bool {
	if i >= len(b) || b[i] != ' ' {
		return false
	}
	host := bytes.IndexByte(b[i+1:], ' ')
	if host <= 0 {
		return false
	}
	rest := b[i+1+host+1:]
	colon := bytes.IndexByte(rest, ':')
	if colon <= 0 || bytes.IndexByte(rest[:colon], ' ') >= 0 {
		return false
	}
	j.ident = rest[:colon]
	if open := bytes.IndexByte(j.ident, '['); open > 0 && j.ident[len(j.ident)-1] == ']' {
		j.ident, j.pid = j.ident[:open], j.ident[open+1:len(j.ident)-1]
	}
	j.body = rest[colon+1:]
	if len(j.body) > 0 && j.body[0] == ' ' {
		j.body = j.body[1:]
	}
	return true
}

func englishMonth(b []byte) int {
	for i, m := range englishMonths {
		if string(b) == m {
			return i + 1
		}
	}
	return 0
}

// journalStamp dates a journal prefix. The prefix has no year: it takes
// the year of the latest Jenkins timestamp that puts it closest, so that
// a log crossing New Year stays in order; before any Jenkins timestamp
// the stamp stays invalid.
func (p *Parser) journalStamp(j journalLine) stamp {
	if !p.haveTime {
		return stamp{}
	}
	year := time.UnixMilli(p.lastMS).In(p.loc).Year()
	best := stamp{}
	var bestGap int64 = -1
	for y := year - 1; y <= year+1; y++ {
		if !validCivil(y, j.month, j.day, j.hour, j.min, j.sec) {
			continue
		}
		s := localStamp(p.loc, y, j.month, j.day, j.hour, j.min, j.sec, time.Second)
		gap := s.unixMS - p.lastMS
		if gap < 0 {
			gap = -gap
		}
		if bestGap < 0 || gap < bestGap {
			best, bestGap = s, gap
		}
	}
	best.unixMS += int64(j.micros / 1000)
	best.nanos = int32(j.micros % 1000 * 1000)
	if j.precise {
		best.res = time.Microsecond
	}
	p.zoneUsed = true
	return best
}

// journalMarker classifies journalctl's own lines: "-- Boot … --" ends a
// start; "-- Logs begin at … --" and similar carry nothing.
func journalMarker(b []byte) (marker, boot bool) {
	if len(b) < 6 || b[0] != '-' || b[1] != '-' || b[2] != ' ' || !bytes.HasSuffix(b, []byte(" --")) {
		return false, false
	}
	return true, bytes.HasPrefix(b[3:], []byte("Boot ")) || bytes.HasPrefix(b[3:], []byte("Reboot"))
}

// statusKeys are the header fields of `systemctl status`.
var statusKeys = [][]byte{
	[]byte("Loaded:"), []byte("Active:"), []byte("Docs:"), []byte("Main PID:"),
	[]byte("Tasks:"), []byte("Memory:"), []byte("CPU:"), []byte("CGroup:"),
	[]byte("Process:"), []byte("Status:"), []byte("TriggeredBy:"), []byte("Drop-In:"),
	[]byte("IP:"), []byte("IO:"), []byte("Mem peak:"), []byte("Invocation:"),
}

// systemctlHeader recognises the lines `systemctl status` prints before
// the journal tail: the unit line, the key: value fields and the process
// tree of the CGroup field.
func systemctlHeader(indented bool, t []byte) bool {
	if bytes.HasPrefix(t, []byte("● ")) || bytes.HasPrefix(t, []byte("└─")) || bytes.HasPrefix(t, []byte("├─")) || bytes.HasPrefix(t, []byte("│")) {
		return true
	}
	if !indented {
		return false
	}
	if dot := bytes.Index(t, []byte(".service - ")); dot > 0 && bytes.IndexByte(t[:dot], ' ') < 0 {
		return true
	}
	for _, k := range statusKeys {
		if bytes.HasPrefix(t, k) {
			return true
		}
	}
	return false
}

// pagerFooter recognises less's status line: "lines 1-27/27 (END)".
func pagerFooter(t []byte) bool {
	if bytes.Equal(t, []byte("(END)")) {
		return true
	}
	return bytes.HasPrefix(t, []byte("lines ")) && len(t) > 6 && t[6] >= '0' && t[6] <= '9' && bytes.IndexByte(t, '-') > 0
}
