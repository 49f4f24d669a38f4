package testenv

import (
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

// ReadUntil reads lines until one contains want (and returns them with
// it), the channel closes, or the timeout passes, which fails the test.
func ReadUntil(t testing.TB, lines <-chan jenkinslog.Line, want string, timeout time.Duration) []jenkinslog.Line {
	t.Helper()
	var got []jenkinslog.Line
	deadline := time.After(timeout)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return got
			}
			got = append(got, l)
			if strings.Contains(l.Text, want) {
				return got
			}
		case <-deadline:
			t.Fatalf("no line with %q within %s; got %d lines", want, timeout, len(got))
		}
	}
}

// CheckTexts compares the texts of lines with want.
func CheckTexts(t testing.TB, lines []jenkinslog.Line, want []string) {
	t.Helper()
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), ShowLines(lines))
	}
	for i := range want {
		if lines[i].Text != want[i] {
			t.Errorf("line %d = %.80q, want %.80q", i, lines[i].Text, want[i])
		}
	}
}

// CheckIncreasing checks that each line was received after the one
// before, and the first after start.
func CheckIncreasing(t testing.TB, start time.Time, lines []jenkinslog.Line) {
	t.Helper()
	prev := start
	for i, l := range lines {
		if !l.Received.After(prev) {
			t.Errorf("line %d received at %s, not after %s", i, l.Received.Format(time.RFC3339Nano), prev.Format(time.RFC3339Nano))
		}
		prev = l.Received
	}
}

// ShowLines lists lines for a failure message, one a row with the moment
// it was received and the start of its text.
func ShowLines(lines []jenkinslog.Line) string {
	var b strings.Builder
	for _, l := range lines {
		text := l.Text
		if len(text) > 60 {
			text = text[:60] + "…"
		}
		b.WriteString("  " + l.Received.Format(time.RFC3339Nano) + " " + text + "\n")
	}
	return b.String()
}
