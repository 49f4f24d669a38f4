package runner

import (
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/observe/jenkinslog"
)

func TestMissedLines(t *testing.T) {
	at := time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC)
	full := make([]jenkinslog.Line, 6)
	for i := range full {
		full[i] = jenkinslog.Line{Text: string(rune('a' + i)), Received: at.Add(time.Duration(i) * time.Millisecond)}
	}
	for _, tt := range []struct {
		name     string
		last     jenkinslog.Line
		streamed int
		want     int
	}{
		{"nothing streamed", jenkinslog.Line{}, 0, 0},
		{"every line up to readiness, more after it", full[3], 4, 0},
		{"two lines lost before the last one", full[4], 3, 2},
		{"a line the full log does not hold", jenkinslog.Line{Text: "z", Received: at}, 2, -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := missedLines(full, tt.last, tt.streamed); got != tt.want {
				t.Errorf("missedLines = %d, want %d", got, tt.want)
			}
		})
	}
}
