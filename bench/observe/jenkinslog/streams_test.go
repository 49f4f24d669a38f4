package jenkinslog

import (
	"strings"
	"testing"
	"time"
)

// Docker reads a container's stdout and stderr apart, so "Running from:"
// (stdout) may be stored after the first log record (stderr) when both
// are written within microseconds, as the simulated controller does.
func TestRunningFromAfterExtractionStaysInTheSameStart(t *testing.T) {
	log := []string{
		"2026-11-26 01:20:00.100+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file",
		"Running from: /usr/share/jenkins/jenkins.war",
		"2026-11-26 01:20:01.300+0000 [id=1]\tINFO\torg.eclipse.jetty.server.Server#doStart: Started Server@1{STARTING}[12.0.0,sto=0] @1300ms",
		"2026-11-26 01:20:01.400+0000 [id=24]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Started initialization",
		"2026-11-26 01:20:02.000+0000 [id=24]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Completed initialization",
		"2026-11-26 01:20:02.100+0000 [id=20]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running",
	}
	p := NewParser(Options{})
	at := time.Date(2026, 11, 26, 1, 20, 0, 0, time.UTC)
	for i, text := range log {
		p.Feed(Line{Text: text, Received: at.Add(time.Duration(i) * time.Millisecond)})
	}
	res := p.Result()
	if len(res.Starts) != 1 {
		t.Fatalf("%d starts, want 1", len(res.Starts))
	}
	var names []string
	for _, e := range res.Starts[0].Events {
		names = append(names, e.Name)
	}
	if got := strings.Join(names, " "); !strings.HasPrefix(got, WarExtraction+" "+RunningFrom) || !res.Starts[0].FullyUp {
		t.Errorf("events %q, fully up %v: want the extraction, then Running from, in one start that gets up", got, res.Starts[0].FullyUp)
	}
}
