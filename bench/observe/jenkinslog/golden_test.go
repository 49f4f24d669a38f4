package jenkinslog

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the goldens from the parser's output (review the diff against the logs!)")

// fixtureDir holds the real logs shared beside the repository.
const fixtureDir = "../../../../shared/fixtures/jenkins-logs"

// golden is the part of a Result a golden file pins down.
type golden struct {
	Fixture  string          `json:"fixture"`
	Notes    string          `json:"notes,omitempty"`
	Zone     string          `json:"zone"`
	Warnings []goldenWarning `json:"warnings"`
	Starts   []goldenStart   `json:"starts"`
}

type goldenStart struct {
	FirstLine      int             `json:"first_line"`
	LastLine       int             `json:"last_line"`
	Clock          string          `json:"clock,omitempty"`
	Origin         string          `json:"origin,omitempty"`
	OriginReceived string          `json:"origin_received,omitempty"`
	Version        string          `json:"version,omitempty"`
	FullyUp        bool            `json:"fully_up"`
	Events         []goldenEvent   `json:"events"`
	Phases         []goldenPhase   `json:"phases"`
	Failure        *goldenFailure  `json:"failure"`
	SlowestTasks   []goldenTask    `json:"slowest_tasks,omitempty"`
	Warnings       []goldenWarning `json:"warnings"`
	// Ended is how the start ended and the line that shows it.
	Ended     string `json:"ended"`
	EndedLine int    `json:"ended_line,omitempty"`
	Reinits   int    `json:"reinits,omitempty"`
}

type goldenTask struct {
	Name       string  `json:"name"`
	DurationMS float64 `json:"duration_ms"`
}

type goldenEvent struct {
	Name     string  `json:"name"`
	Line     int     `json:"line"`
	OffsetMS float64 `json:"offset_ms"`
	Received string  `json:"received,omitempty"`
	Outer    string  `json:"outer,omitempty"`
}

type goldenPhase struct {
	Name    string  `json:"name"`
	StartMS float64 `json:"start_ms"`
	EndMS   float64 `json:"end_ms"`
	Skipped bool    `json:"skipped,omitempty"`
}

type goldenFailure struct {
	Signature string   `json:"signature"`
	Reason    string   `json:"reason"`
	Exception string   `json:"exception"`
	Severe    []string `json:"severe"`
}

type goldenWarning struct {
	Line     int    `json:"line"`
	Contains string `json:"contains"`
}

func TestGoldenFixtures(t *testing.T) {
	logs, err := filepath.Glob(filepath.Join(fixtureDir, "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no fixtures in %s (the shared folder beside the repository): %v", fixtureDir, err)
	}
	for _, log := range logs {
		name := strings.TrimSuffix(filepath.Base(log), ".log")
		t.Run(name, func(t *testing.T) {
			checkGolden(t, log, filepath.Join("testdata", "golden", name+".json"))
		})
	}
}

func TestGoldenSynthetic(t *testing.T) {
	logs, _ := filepath.Glob(filepath.Join("testdata", "synthetic", "*.log"))
	for _, log := range logs {
		name := strings.TrimSuffix(filepath.Base(log), ".log")
		t.Run(name, func(t *testing.T) {
			checkGolden(t, log, filepath.Join("testdata", "golden", "synthetic", name+".json"))
		})
	}
}

// checkGolden parses log and compares the result with the golden file.
func checkGolden(t *testing.T, log, goldenPath string) {
	t.Helper()
	f, err := os.Open(log)
	if err != nil {
		t.Fatalf("open fixture: %v", err)
	}
	defer f.Close()
	res, err := Parse(f, Options{})
	if err != nil {
		t.Fatalf("parse %s: %v", log, err)
	}
	checkInvariants(t, res)
	var want golden
	wantBytes, err := os.ReadFile(goldenPath)
	if err == nil {
		err = json.Unmarshal(wantBytes, &want)
	}
	if err != nil && !*update {
		t.Fatalf("read golden %s: %v (write it by reading the log)", goldenPath, err)
	}
	got := project(res, want)
	got.Fixture, got.Notes = filepath.Base(log), want.Notes
	if *update {
		writeGolden(t, goldenPath, got)
		return
	}
	if d := diffJSON(want, got); d != "" {
		t.Errorf("%s differs from the golden (- golden, + parser):\n%s", filepath.Base(log), d)
	}
}

func writeGolden(t *testing.T, path string, g golden) {
	t.Helper()
	b, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// project keeps what a golden pins down. A warning matches the golden's
// when it contains the golden's text, so goldens quote only the part of
// a message that matters.
func project(r Result, want golden) golden {
	g := golden{Zone: r.Zone, Warnings: projectWarnings(r.Warnings, want.Warnings), Starts: []goldenStart{}}
	for i, s := range r.Starts {
		var wantStart goldenStart
		if i < len(want.Starts) {
			wantStart = want.Starts[i]
		}
		g.Starts = append(g.Starts, projectStart(s, wantStart))
	}
	return g
}

func projectStart(s Start, want goldenStart) goldenStart {
	g := goldenStart{
		FirstLine: s.FirstLine, LastLine: s.LastLine, Version: s.Version, FullyUp: s.FullyUp, Clock: clockText(s.Clock),
		Origin: stamp3339(s.Origin), OriginReceived: stamp3339(s.OriginReceived),
		Events: []goldenEvent{}, Phases: []goldenPhase{},
		Warnings: projectWarnings(s.Warnings, want.Warnings),
		Ended:    s.Ended.How, EndedLine: s.Ended.Line, Reinits: s.Reinits,
	}
	for _, e := range s.Events {
		g.Events = append(g.Events, goldenEvent{Name: e.Name, Line: e.Line, OffsetMS: round3(e.OffsetMS),
			Received: stamp3339(e.Received), Outer: stamp3339(e.Outer)})
	}
	for _, p := range s.Phases {
		g.Phases = append(g.Phases, goldenPhase{Name: p.Name, StartMS: round3(p.StartMS), EndMS: round3(p.EndMS), Skipped: p.Skipped})
	}
	for _, task := range s.SlowestTasks {
		g.SlowestTasks = append(g.SlowestTasks, goldenTask{Name: task.Name, DurationMS: task.DurationMS})
	}
	if f := s.Failure; f != nil {
		g.Failure = &goldenFailure{Signature: f.Signature, Reason: f.Reason, Exception: f.Exception, Severe: append([]string{}, f.Severe...)}
	}
	return g
}

func projectWarnings(ws []Warning, want []goldenWarning) []goldenWarning {
	out := []goldenWarning{}
	for i, w := range ws {
		msg := w.Message
		if i < len(want) && want[i].Contains != "" && strings.Contains(msg, want[i].Contains) {
			msg = want[i].Contains
		}
		out = append(out, goldenWarning{Line: w.Line, Contains: msg})
	}
	return out
}

// clockText is the golden's form of a start's clock, empty when the
// start had no timestamped line.
func clockText(c Clock) string {
	if c.Source == "" {
		return ""
	}
	return c.String()
}

func stamp3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// diffJSON renders both values as indented JSON and returns a line diff,
// empty when they are equal.
func diffJSON(want, got any) string {
	a, _ := json.MarshalIndent(want, "", "  ")
	b, _ := json.MarshalIndent(got, "", "  ")
	if bytes.Equal(a, b) {
		return ""
	}
	return lineDiff(strings.Split(string(a), "\n"), strings.Split(string(b), "\n"))
}

// lineDiff is a longest-common-subsequence diff that prints changed lines
// with two lines of context.
func lineDiff(a, b []string) string {
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []string
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, "  "+a[i])
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, "- "+a[i])
			i++
		default:
			ops = append(ops, "+ "+b[j])
			j++
		}
	}
	return withContext(ops, 2)
}

func withContext(ops []string, n int) string {
	var out strings.Builder
	last := -1
	for k, op := range ops {
		if op[0] == ' ' {
			continue
		}
		from := max(k-n, last+1)
		if from > last+1 && last >= 0 {
			out.WriteString("  ...\n")
		}
		for c := from; c <= min(k+n, len(ops)-1); c++ {
			if c > last {
				out.WriteString(ops[c] + "\n")
				last = c
			}
		}
	}
	return out.String()
}
