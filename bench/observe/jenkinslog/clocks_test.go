package jenkinslog

import (
	"testing"
	"time"
)

// receivedLine is a line as a live run hands it over: the text and the
// moment it arrived, as an offset from 2024-04-19 09:15:30 UTC.
type receivedLine struct {
	text string
	at   time.Duration
}

var liveBase = time.Date(2024, time.April, 19, 9, 15, 30, 0, time.UTC)

// Lines of a current-format start whose millisecond stamps differ from
// their receipt by a fraction of a millisecond.
var liveModern = []receivedLine{
	{"Running from: /usr/share/jenkins/jenkins.war", 102_345_678},
	{"2024-04-19 09:15:30.611+0000 [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file", 611_400_100},
	{"2024-04-19 09:15:32.353+0000 [id=1]\tWARNING\to.e.j.s.handler.ContextHandler#setContextPath: Empty contextPath", 2_353_900_300},
	{"2024-04-19 09:15:41.905+0000 [id=22]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running", 11_905_200_700},
}

// The same start in the two-line format: whole seconds in the log.
var liveTwoLine = []receivedLine{
	{"Running from: /usr/share/jenkins/jenkins.war", 102_345_678},
	{"Apr 19, 2024 9:15:30 AM winstone.Logger logInternal", 611_400_100},
	{"INFO: Beginning extraction from war file", 611_410_000},
	{"Apr 19, 2024 9:15:32 AM org.eclipse.jetty.util.log.JavaUtilLog info", 2_353_900_300},
	{"INFO: jetty-winstone-2.9", 2_353_910_000},
	{"Apr 19, 2024 9:15:41 AM hudson.WebAppMain$3 run", 11_905_200_700},
	{"INFO: Jenkins is fully up and running", 11_905_210_000},
}

// TestReceivedClock checks that a live run's receipt times time a start
// when they are the finest clock, and that the start names its clock.
// The expected offsets are differences of the receipt times above, or of
// the log's stamps when Jenkins's own clock wins.
func TestReceivedClock(t *testing.T) {
	docker := Clock{Source: "docker", Resolution: time.Nanosecond}
	harness := Clock{Source: "harness", Resolution: time.Millisecond}
	for _, tt := range []struct {
		name     string
		lines    []receivedLine
		received Clock
		want     Clock
		// war and up are the ends of war_extraction and fully_up in ms;
		// running is running_from's offset.
		war, up, running float64
	}{
		// 2353.9003 - 611.4001 = 1742.5002; 11905.2007 - 611.4001 = 11293.8006;
		// 102.345678 - 611.4001 = -509.054422.
		{"docker's nanoseconds beat Jenkins's milliseconds", liveModern, docker, docker, 1742.5002, 11293.8006, -509.054422},
		// A tie goes to Jenkins: 32.353 - 30.611 = 1742, 41.905 - 30.611 = 11294.
		{"a millisecond receipt clock ties and Jenkins's wins", liveModern, harness, Clock{ClockJenkins, time.Millisecond}, 1742, 11294, -509.054422},
		{"no receipt clock: Jenkins's", liveModern, Clock{}, Clock{ClockJenkins, time.Millisecond}, 1742, 11294, -509.054422},
		// The receipt clock beats whole seconds: same figures as the first case.
		{"a millisecond receipt clock beats whole seconds", liveTwoLine, harness, harness, 1742.5002, 11293.8006, -509.054422},
		// On the log's seconds: 32 - 30 and 41 - 30.
		{"two-line format without a receipt clock", liveTwoLine, Clock{}, Clock{ClockJenkins, time.Second}, 2000, 11000, -509.054422},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := NewParser(Options{Received: tt.received})
			for _, l := range tt.lines {
				p.Feed(Line{Text: l.text, Received: liveBase.Add(l.at)})
			}
			res := p.end()
			if len(res.Starts) != 1 {
				t.Fatalf("got %d starts, want 1", len(res.Starts))
			}
			s := res.Starts[0]
			if s.Clock != tt.want {
				t.Errorf("clock = %v, want %v", s.Clock, tt.want)
			}
			got := map[string]float64{}
			for _, ph := range s.Phases {
				got[ph.Name] = round3(ph.EndMS)
			}
			for _, e := range s.Events {
				if e.Name == RunningFrom {
					got[RunningFrom] = e.OffsetMS
				}
			}
			want := map[string]float64{WarExtraction: round3(tt.war), FullyUp: round3(tt.up)}
			for name, w := range want {
				if got[name] != w {
					t.Errorf("%s ends at %v ms, want %v", name, got[name], w)
				}
			}
			if d := got[RunningFrom] - tt.running; d > 1e-6 || d < -1e-6 {
				t.Errorf("running_from at %v ms, want %v", got[RunningFrom], tt.running)
			}
		})
	}
}

func TestChooseClockPrefersTheFinest(t *testing.T) {
	ms := stamp{unixMS: 1, valid: true}
	sec := stamp{unixMS: 1, res: time.Second, valid: true}
	ns := stamp{unixMS: 1, res: time.Nanosecond, valid: true}
	us := stamp{unixMS: 1, res: time.Microsecond, valid: true}
	for _, tt := range []struct {
		name string
		lt   lineTimes
		want string
	}{
		{"log alone", lineTimes{log: ms}, ClockJenkins},
		{"wrapper finer", lineTimes{log: sec, outer: ns, outerSource: ClockTimestamps}, ClockTimestamps},
		{"journal microseconds beat milliseconds", lineTimes{log: ms, outer: us, outerSource: ClockJournal}, ClockJournal},
		{"journal seconds lose to milliseconds", lineTimes{log: ms, outer: sec, outerSource: ClockJournal}, ClockJenkins},
		{"a tie goes to the log", lineTimes{log: sec, outer: sec, outerSource: ClockJournal}, ClockJenkins},
	} {
		if got := chooseClock(tt.lt, Clock{}).Source; got != tt.want {
			t.Errorf("%s: chose %q, want %q", tt.name, got, tt.want)
		}
	}
}
