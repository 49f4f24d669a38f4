package jenkinslog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// shapeStart is what a test expects of one start of a shape log, read
// off the log by hand.
type shapeStart struct {
	first     int
	origin    string // "15:04:05.000" on the start's clock
	fullyUpMS float64
	ended     string
	endedLine int
	reinits   int
	launchMS  float64 // the launch phase, -1 when the start has none
}

// TestShapes reads the logs of testdata/shapes, written for the ways
// production logs hold restarts: plugin batches of the setup wizard and
// of installs without restart in a running JVM (no starts), restarts
// with no shutdown line and no "Running from:" (a Windows service writes
// it to another file) whose new JVM logs "Logging initialized @NNNms"
// first, an OOM-killed container, clean restarts, a failed and a killed
// start between two good ones.
func TestShapes(t *testing.T) {
	tests := []struct {
		log    string
		starts []shapeStart
	}{
		{"wizard-plugin-batches.log", []shapeStart{
			// Two init reactor runs after fully up (lines 44 and 59), no JVM line before them.
			{first: 1, origin: "09:02:11.604", fullyUpMS: 9948, ended: EndLogEnded, reinits: 2, launchMS: -1}}},
		{"windows-service-killed.err.log", []shapeStart{
			{first: 1, origin: "07:30:01.118", fullyUpMS: 12183, ended: EndKilled, launchMS: 243},
			// The new JVM's first line is line 23, "Logging initialized @621ms", 243 ms before its extraction.
			{first: 23, origin: "16:09:12.004", fullyUpMS: 9236, ended: EndLogEnded, launchMS: 243}}},
		{"windows-service-killed-zh.err.log", []shapeStart{
			{first: 1, origin: "09:58:02.000", fullyUpMS: 22000, ended: EndKilled, launchMS: 0},
			{first: 47, origin: "13:07:44.000", fullyUpMS: 22000, ended: EndLogEnded, launchMS: 0}}},
		{"oom-killed-restart.log", []shapeStart{
			{first: 1, origin: "06:00:03.418", fullyUpMS: 7101, ended: EndKilled, endedLine: 24, launchMS: -1},
			{first: 30, origin: "11:47:58.220", fullyUpMS: 9800, ended: EndLogEnded, launchMS: -1}}},
		{"restart-history.log", []shapeStart{
			{first: 1, origin: "08:00:00.512", fullyUpMS: 3391, ended: EndStopped, endedLine: 23, launchMS: -1},
			{first: 30, origin: "11:00:08.142", fullyUpMS: 3391, ended: EndStopped, endedLine: 51, launchMS: -1},
			{first: 59, origin: "11:00:42.677", ended: EndStopped, endedLine: 81, launchMS: -1},
			{first: 87, origin: "11:01:29.134", ended: EndKilled, launchMS: -1},
			{first: 100, origin: "11:03:05.417", fullyUpMS: 3391, ended: EndLogEnded, launchMS: -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.log, func(t *testing.T) {
			r := parseFile(t, filepath.Join("testdata", "shapes", tt.log))
			if len(r.Starts) != len(tt.starts) || r.StartCount != len(tt.starts) {
				t.Fatalf("%d starts (%d kept), want %d", r.StartCount, len(r.Starts), len(tt.starts))
			}
			for i, want := range tt.starts {
				checkShape(t, r.Starts[i], want)
			}
		})
	}
}

func checkShape(t *testing.T, s Start, want shapeStart) {
	t.Helper()
	got := shapeStart{first: s.FirstLine, origin: s.Origin.Format("15:04:05.000"), ended: s.Ended.How,
		endedLine: s.Ended.Line, reinits: s.Reinits, launchMS: -1}
	if s.FullyUp {
		got.fullyUpMS = ms(s.FullyUpAt.Sub(s.Origin))
	}
	if len(s.Phases) > 0 && s.Phases[0].Name == Launch {
		got.launchMS = s.Phases[0].DurationMS
	}
	if got != want {
		t.Errorf("start %d:\n got %+v\nwant %+v", s.Number, got, want)
	}
}

// TestShapeHistory checks the restart history of restart-history.log,
// derived by hand: start 2 came up 7.491 s after start 1's last line
// (a safe restart), start 5 177.131 s after start 2's (a failed and a
// killed start between them).
func TestShapeHistory(t *testing.T) {
	h := parseFile(t, filepath.Join("testdata", "shapes", "restart-history.log")).History
	if h.Starts != 5 || h.FullyUp != 3 || h.Failed != 2 || h.Ended[EndStopped] != 3 || h.Ended[EndKilled] != 1 || h.Ended[EndLogEnded] != 1 {
		t.Errorf("totals %d starts, %d up, %d failed, ended %v", h.Starts, h.FullyUp, h.Failed, h.Ended)
	}
	// Gaps 4100, 31000, 44000, 95000 ms: median (31000+44000)/2.
	if g := h.Gap; g.N != 4 || g.MedianMS != 37500 || g.MaxMS != 95000 || g.TotalMS != 174100 {
		t.Errorf("gaps %+v", g)
	}
	if d := h.Down; d.N != 2 || d.MaxMS != 177131 || d.MedianMS != (7491+177131)/2.0 {
		t.Errorf("outages %+v", d)
	}
	if len(h.Longest) != 2 || h.Longest[0].Number != 5 || h.Longest[1].Number != 2 {
		t.Errorf("longest outages %+v", h.Longest)
	}
	r := h.First[4]
	if r.Previous.How != EndKilled || *r.GapMS != 95000 || *r.DownMS != 177131 || *r.UpToUpMS != 86577275 {
		t.Errorf("start 5's row %+v", r)
	}
	if h.First[2].DownMS != nil || h.First[2].Failure != SignatureBootFailure {
		t.Errorf("start 3's row %+v: a failed start has no outage of its own", h.First[2])
	}
}

// TestGluedViewerDates reads logs copied from a viewer that glued its
// own date, in its locale and zone, to every line: they must read as
// the same logs without it.
func TestGluedViewerDates(t *testing.T) {
	for glued, plain := range map[string]string{
		"glued-viewer-date-en-us.log": "oom-killed-restart.log",
		"glued-viewer-date-de-de.log": "windows-service-killed-zh.err.log",
	} {
		t.Run(glued, func(t *testing.T) {
			got := parseFile(t, filepath.Join("testdata", "shapes", glued))
			want := parseFile(t, filepath.Join("testdata", "shapes", plain))
			if len(got.Starts) != len(want.Starts) {
				t.Fatalf("%d starts, want %d as in %s", len(got.Starts), len(want.Starts), plain)
			}
			for i := range want.Starts {
				g, w := got.Starts[i], want.Starts[i]
				if g.FirstLine != w.FirstLine || !g.Origin.Equal(w.Origin) || g.Ended != w.Ended || !samePhases(g.Phases, w.Phases) {
					t.Errorf("start %d: %+v\nwant %+v", i+1, g, w)
				}
			}
		})
	}
}

func samePhases(a, b []Phase) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMilestonesAfterShutdown: in a log cut down to milestones (grep
// onAttained), a run of the init reactor after a shutdown is a new JVM,
// one after a failure too; one in a running JVM is not.
func TestMilestonesAfterShutdown(t *testing.T) {
	line := func(clock, logger, msg string) string {
		return "2024-04-19 " + clock + "+0000 [id=30]\tINFO\t" + logger + ": " + msg
	}
	init := func(clock string) string {
		return line(clock, "jenkins.InitReactorRunner$1#onAttained", "Started initialization")
	}
	up := func(clock string) string {
		return line(clock, "hudson.lifecycle.Lifecycle#onReady", "Jenkins is fully up and running")
	}
	log := []string{
		init("10:00:00.000"), up("10:00:05.000"),
		init("11:00:00.000"), // a plugin batch
		line("12:00:00.000", "hudson.lifecycle.Lifecycle#onStatusUpdate", "Stopping Jenkins"),
		line("12:00:00.500", "hudson.lifecycle.Lifecycle#onStatusUpdate", "Jenkins stopped"),
		init("12:01:00.000"), bootFailed,
		init("12:02:00.000"), up("12:02:09.000"),
	}
	r, err := Parse(strings.NewReader(strings.Join(log, "\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range r.Starts {
		got = append(got, s.Ended.How)
	}
	if want := []string{EndStopped, EndFailed, EndLogEnded}; strings.Join(got, " ") != strings.Join(want, " ") || r.Starts[0].Reinits != 1 {
		t.Errorf("starts ended %v, reinits %d; want %v, 1", got, r.Starts[0].Reinits, want)
	}
}

// TestManyStartsStayBounded reads a log of 20,000 starts: Result keeps
// the first and last DefaultKeepStarts whole, the history its bounded
// lists and every start in its totals.
func TestManyStartsStayBounded(t *testing.T) {
	var b strings.Builder
	at := time.Date(2024, 4, 19, 0, 0, 0, 0, time.UTC)
	const n = 20000
	for i := range n {
		// Start i begins i%1000 s after start i-1 was up, and is up 5 s later.
		at = at.Add(time.Duration(i%1000) * time.Second)
		b.WriteString("Running from: /usr/share/jenkins/jenkins.war\n")
		b.WriteString(at.Format("2006-01-02 15:04:05.000-0700") + " [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file\n")
		at = at.Add(5 * time.Second)
		b.WriteString(at.Format("2006-01-02 15:04:05.000-0700") + " [id=22]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running\n")
	}
	r, err := Parse(strings.NewReader(b.String()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, r)
	h := r.History
	if r.StartCount != n || len(r.Starts) != 2*DefaultKeepStarts || r.Starts[len(r.Starts)-1].Number != n {
		t.Errorf("%d starts, %d kept, last kept %d", r.StartCount, len(r.Starts), r.Starts[len(r.Starts)-1].Number)
	}
	if h.Starts != n || len(h.First) != HistoryRows || len(h.Last) != HistoryRows || len(h.Longest) != HistoryRows || h.Down.N != n-1 || !h.Down.Approximate || h.Down.MaxMS != 1004000 {
		t.Errorf("history: %d starts, %d+%d rows, %d longest, %+v", h.Starts, len(h.First), len(h.Last), len(h.Longest), h.Down)
	}
	// Start i is down i%1000 s + 5 s: the longest outage is 1004 s, the
	// median of 5 … 1004 s (20 times each, minus start 1) about 505 s.
	if got := *h.Longest[0].DownMS; got != 1004000 || h.Longest[0].Number%1000 != 0 {
		t.Errorf("longest outage %v ms at start %d, want 1004000 at start 1000, 2000…", got, h.Longest[0].Number)
	}
	if m := h.Down.MedianMS; m < 505000*0.978 || m > 505000*1.022 {
		t.Errorf("median outage %v ms, want 505 s within the histogram's 2.2 %%", m)
	}
}

func parseFile(t *testing.T, path string) Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Parse(f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, r)
	return r
}
