package jenkinslog

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds that keep a start's memory constant whatever the log's length.
const (
	tailLines  = 20  // Failure.LastLines
	tailWidth  = 400 // bytes kept of each of those lines
	severeMax  = 10  // Failure.Severe
	tasksMax   = 10  // Start.SlowestTasks
	messageMax = 500 // bytes kept of an event or SEVERE message
)

// tail keeps the last tailLines lines of a start in fixed buffers, so
// that remembering them costs no allocation per line.
type tail struct {
	slots [tailLines][]byte
	next  int
	count int
}

func (t *tail) add(line []byte) {
	line = trimBlankRight(line)
	if len(line) > tailWidth {
		line = clip(line, tailWidth)
	}
	t.slots[t.next] = append(t.slots[t.next][:0], line...)
	t.next = (t.next + 1) % tailLines
	t.count++
}

func (t *tail) reset() { t.next, t.count = 0, 0 }

// lines returns the kept lines, oldest first, cut from one string.
func (t *tail) lines() []string {
	n := min(t.count, tailLines)
	size := 0
	for i := range n {
		size += len(t.slots[(t.next-n+i+tailLines)%tailLines])
	}
	var all strings.Builder
	all.Grow(size)
	for i := range n {
		all.Write(t.slots[(t.next-n+i+tailLines)%tailLines])
	}
	joined, out := all.String(), make([]string, 0, n)
	for i := range n {
		k := len(t.slots[(t.next-n+i+tailLines)%tailLines])
		out = append(out, joined[:k])
		joined = joined[k:]
	}
	return out
}

// clip cuts b to at most n bytes without splitting a UTF-8 sequence.
func clip(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}

// text turns a message into a kept string of bounded length.
func text(b []byte) string {
	return string(bytes.TrimSpace(clip(b, messageMax)))
}

// insertTop inserts item into list, kept ordered by before (true when
// a goes ahead of b; items that tie keep their arrival order) and at
// most n long: the n first items of a stream, in a bounded list.
func insertTop[T any](list []T, item T, n int, before func(a, b T) bool) []T {
	i := len(list)
	for i > 0 && before(item, list[i-1]) {
		i--
	}
	if i >= n {
		return list
	}
	if len(list) < n {
		var zero T
		list = append(list, zero)
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = item
	return list
}

// parseTook reads "Took 123ms for Loading plugin x by Thread y"; the
// whole-startup line "Took …ms for complete Jenkins startup" is no task.
func parseTook(msg []byte) (Task, bool) {
	rest, ok := bytes.CutPrefix(msg, []byte("Took "))
	if !ok {
		return Task{}, false
	}
	ms, rest, ok := bytes.Cut(rest, []byte("ms for "))
	n, err := strconv.Atoi(string(ms))
	if !ok || err != nil {
		return Task{}, false
	}
	if by := bytes.LastIndex(rest, []byte(" by ")); by > 0 {
		rest = rest[:by]
	}
	if string(rest) == "complete Jenkins startup" {
		return Task{}, false
	}
	return Task{Name: text(rest), DurationMS: float64(n)}, true
}
