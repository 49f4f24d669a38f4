package jenkinslog

import (
	"strings"
	"testing"
	"time"
)

const (
	extractLine = "2024-04-19 00:52:09.255+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file"
	contextLine = "2024-04-19 00:52:11.455+0000 [id=1]\tWARNING\to.e.j.s.handler.ContextHandler#setContextPath: Empty contextPath"
	startedLine = "2024-04-19 00:52:12.000+0000 [id=30]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Started initialization"
	upLine      = "2024-04-19 00:52:20.000+0000 [id=22]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"
	bootFailed  = "2024-04-19 00:52:13.000+0000 [id=25]\tSEVERE\thudson.util.BootFailure#publish: Failed to initialize Jenkins"
)

// TestFeedStreams checks what the harness relies on: Current is nil
// before the first line, shows events and phases as lines arrive, and a
// fatal line fails the start at once, before the log ends.
func TestFeedStreams(t *testing.T) {
	p := NewParser(Options{})
	if p.Current() != nil {
		t.Fatal("Current before any line is not nil")
	}
	t0 := time.Date(2024, 4, 19, 0, 52, 5, 0, time.UTC)
	p.Feed(Line{Text: "Running from: /usr/share/jenkins/jenkins.war", Received: t0})
	p.Feed(Line{Text: extractLine, Received: t0.Add(4 * time.Second)})
	cur := p.Current()
	if len(cur.Phases) != 0 {
		t.Errorf("war_extraction phase before its end is known: %+v", cur.Phases)
	}
	if got := cur.Events[0]; got.Name != RunningFrom || got.OffsetMS != -4000 {
		t.Errorf("running_from = %+v, want offset -4000 on the Received clock", got)
	}
	p.Feed(Line{Text: contextLine, Received: t0.Add(6 * time.Second)})
	if ph := p.Current().Phases; len(ph) != 1 || ph[0].EndMS != 2200 {
		t.Errorf("phases after the next line = %+v, want war_extraction [0, 2200]", ph)
	}
	p.Feed(Line{Text: bootFailed})
	p.Feed(Line{Text: "java.nio.file.AccessDeniedException: /var/jenkins_home/config.xml"})
	f := p.Current().Failure
	if f == nil || f.Signature != SignaturePermissionDenied || !strings.Contains(f.Reason, "AccessDeniedException") {
		t.Fatalf("failure while streaming = %+v, want permission_denied with the exception in the reason", f)
	}
	if p.Current().FullyUp {
		t.Error("fully up after a boot failure")
	}
}

func TestResultLeavesParserAlone(t *testing.T) {
	p := NewParser(Options{})
	for _, l := range []string{"Running from: x", extractLine, contextLine, startedLine} {
		p.Feed(Line{Text: l})
	}
	r := p.Result()
	if f := r.Starts[0].Failure; f == nil || f.Reason != ReasonIncomplete {
		t.Fatalf("open start's failure = %+v, want %q", f, ReasonIncomplete)
	}
	if p.Current().Failure != nil {
		t.Error("Result changed the start being read")
	}
	p.Feed(Line{Text: upLine})
	r = p.Result()
	if s := r.Starts[0]; !s.FullyUp || s.Failure != nil || len(s.Phases) != 3 {
		t.Errorf("after fully up: %+v", s)
	}
}

func TestParseLineEnds(t *testing.T) {
	tests := []struct {
		name  string
		input string
		lines int
	}{
		{"crlf", "Running from: x\r\n" + extractLine + "\r\n" + contextLine + "\r\n" + upLine + "\r\n", 4},
		{"no final newline", "Running from: x\n" + extractLine + "\n" + upLine, 3},
		{"empty", "", 0},
		{"very long line", "Running from: x\n" + strings.Repeat("x", maxLine+10) + "\n" + extractLine + "\n" + upLine + "\n", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse(strings.NewReader(tt.input), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Lines != tt.lines {
				t.Errorf("Lines = %d, want %d", r.Lines, tt.lines)
			}
			if tt.lines > 0 && (len(r.Starts) != 1 || !r.Starts[0].FullyUp) {
				t.Errorf("starts = %+v, want one start fully up", r.Starts)
			}
			if tt.name == "very long line" && len(r.Warnings) != 1 {
				t.Errorf("warnings = %+v, want one about the long line", r.Warnings)
			}
		})
	}
}

func TestLocation(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	log := "Running from: x\nJul 16, 2016 3:27:23 PM winstone.Logger logInternal\nINFO: Beginning extraction from war file\n"
	r, err := Parse(strings.NewReader(log), Options{Location: berlin})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2016, 7, 16, 13, 27, 23, 0, time.UTC)
	if got := r.Starts[0].Origin; !got.Equal(want) {
		t.Errorf("origin = %v, want %v (15:27:23 CEST)", got, want)
	}
	if r.Zone != "Europe/Berlin" {
		t.Errorf("zone = %q", r.Zone)
	}
}
