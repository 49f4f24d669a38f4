package jenkinslog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds arbitrary logs, seeded with every real and synthetic
// log: the parser must not panic, and what it returns must keep the
// invariants the reports rely on (phases tile without negative
// durations, offsets never decrease within a start). The same bytes also
// go through Feed with a Received clock, as the harness sends them.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{filepath.Join(fixtureDir, "*.log"), filepath.Join("testdata", "synthetic", "*.log"), filepath.Join("testdata", "shapes", "*.log")} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, log []byte) {
		r, err := Parse(bytes.NewReader(log), Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, r)
		p := NewParser(Options{})
		received := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		for i, l := range bytes.Split(log, []byte("\n")) {
			p.Feed(Line{Text: string(l), Received: received.Add(time.Duration(i) * time.Millisecond)})
			if cur := p.Current(); cur != nil {
				checkPhases(t, -1, *cur)
			}
		}
		checkInvariants(t, p.Result())
	})
}
