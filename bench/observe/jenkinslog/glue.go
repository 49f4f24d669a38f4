package jenkinslog

import "bytes"

// glue is the date a log viewer puts in front of every line of a log
// copied from it: "<date in the viewer's locale and zone><the line>", no
// separator ("1/24/2024, 11:16:43 AM2024-01-24 10:16:43.271+0000 [id=1]…").
// The viewer's date is no clock of Jenkins's and is dropped. It is
// recognised on the first line that is nothing known as it stands but
// becomes a Jenkins record or launcher line past such a date; its shape
// (runs of digits, runs of letters, other bytes) then strips it from
// every line that starts with it.
type glue struct {
	shape []glueToken
	tries int // lines tried while no shape is known
}

// glueTries bounds the lines tried for a glued date: a viewer glues it
// to every line, so a log whose first lines show none has none, and a
// long log of unknown lines costs nothing more.
const glueTries = 1000

// glueToken is a run of digits ('d'), of letters or non-ASCII bytes
// ('a'), or one other byte (itself), n bytes long where it was learned.
type glueToken struct {
	class byte
	n     int
}

// glueWindow bounds the length of a viewer's date.
const glueWindow = 64

func glueClass(c byte) byte {
	switch {
	case isDigit(c):
		return 'd'
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= 0x80:
		return 'a'
	}
	return c
}

// dateByte tells the bytes a written date and time may hold.
func dateByte(c byte) bool {
	return glueClass(c) != c || bytes.IndexByte([]byte(" \t/-.,:+()[]@'"), c) >= 0
}

// learn remembers the shape of prefix.
func (g *glue) learn(prefix []byte) {
	g.shape = g.shape[:0]
	for i := 0; i < len(prefix); {
		c := glueClass(prefix[i])
		j := i + 1
		if c == 'd' || c == 'a' {
			for j < len(prefix) && glueClass(prefix[j]) == c {
				j++
			}
		}
		g.shape = append(g.shape, glueToken{class: c, n: j - i})
		i = j
	}
}

// strip removes a date of the learned shape from the start of b. Runs
// are taken whole, but the last one only as long as it was learned,
// since the line glued to it may begin with the same kind of byte.
func (g *glue) strip(b []byte) ([]byte, bool) {
	if len(g.shape) == 0 {
		return b, false
	}
	i, last := 0, len(g.shape)-1
	for k, t := range g.shape {
		if t.class != 'd' && t.class != 'a' {
			if i >= len(b) || b[i] != t.class {
				return b, false
			}
			i++
			continue
		}
		j := i
		for j < len(b) && glueClass(b[j]) == t.class && (k != last || j-i < t.n) {
			j++
		}
		if j == i {
			return b, false
		}
		i = j
	}
	return b[i:], true
}

// findGlue returns where the line glued to a viewer's date begins in b,
// 0 when b is no such line: the part before must read as a date with a
// time ("11:16:43") and the part after as a Jenkins record or launcher
// line.
func findGlue(b []byte, p *Parser) int {
	digitsSeen, timeSeen := 0, false
	for i := 1; i < len(b) && i <= glueWindow; i++ {
		c := b[i-1]
		if !dateByte(c) {
			return 0
		}
		if isDigit(c) {
			digitsSeen++
		}
		// "H:MM" ends at i-1.
		timeSeen = timeSeen || (i >= 4 && b[i-3] == ':' && isDigit(b[i-4]) && isDigit(b[i-2]) && isDigit(c))
		if digitsSeen >= 4 && timeSeen && jenkinsLineStart(b[i:], p) {
			return i
		}
	}
	return 0
}

// jenkinsLineStart tells a line that is sure to be Jenkins's: a record
// in any timestamped format, a wrapper's timestamp, a launcher line.
func jenkinsLineStart(b []byte, p *Parser) bool {
	if len(b) == 0 {
		return false
	}
	if isDigit(b[0]) {
		if _, ok := parseModern(b); ok {
			return true
		}
		if _, _, ok := parseRFC3339Prefix(b); ok {
			return true
		}
	}
	if _, ok := parseWinstone(b, p.loc); ok {
		return true
	}
	if hasAnyPrefix(b, [][]byte{runningFrom, webroot, homeDir}) {
		return true
	}
	_, _, ok := parseJULHeader(b, p.loc)
	return ok
}

// unglue recognises the first glued line: it learns the date's shape and
// reads the line again without it.
func (p *Parser) unglue(l *line) bool {
	if len(p.glue.shape) > 0 || p.glue.tries >= glueTries {
		return false
	}
	p.glue.tries++
	i := findGlue(l.body, p)
	if i == 0 {
		return false
	}
	p.glue.learn(l.body[:i])
	rest := append([]byte(nil), l.body[i:]...)
	p.feedLine(rest, l.recv)
	return true
}
