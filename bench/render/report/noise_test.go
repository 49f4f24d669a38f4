package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/analyze/compare"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/internal/testenv"
)

// noisySides is a quiet baseline and the same runs 30 % slower on a
// busy host, two volumes of 8 runs each.
func noisySides(t *testing.T) (base, cur []results.Record) {
	dir := t.TempDir()
	load := func(name string, seed uint64, median float64, h *results.Host) []results.Record {
		path := testenv.WriteResults(t, filepath.Join(dir, name), testenv.SyntheticRuns{Seed: seed, Stream: 3, Runs: 8,
			MedianMS: median, Volumes: []string{"local", "nfs"}, Host: h})
		recs, _, err := results.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	return load("base", 1, 10000, testenv.HostQuiet), load("cur", 2, 13000, testenv.HostBusy)
}

func TestTableFootnoteNamesBusyRunsAndPairs(t *testing.T) {
	_, cur := noisySides(t)
	var out bytes.Buffer
	if err := Table(&out, Build(cur, nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(out.String()), " ") // lines are wrapped at the table's width
	for _, want := range []string{"Host: BUSY in 16 of 16 runs (each: heavy load all along: other work used 53% of the CPUs in this session's typical run (> 30%)).",
		"Paired with local, run by run (median ratio [95% CI], median added time): nfs "} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
}

// TestJUnitSkipsInconclusiveRows: the inconclusive rows are skipped
// cases with the reason (nfs's paired ratio held, but within what the
// host's change could move it), and the file still fits Jenkins' schema.
func TestJUnitSkipsInconclusiveRows(t *testing.T) {
	base, cur := noisySides(t)
	m := Build(cur, base, compare.Options{})
	if m.Verdict.Outcome() != compare.Inconclusive {
		t.Fatalf("outcome %s: %s", m.Verdict.Outcome(), m.Verdict.Headline())
	}
	out, doc := junitCases(t, m)
	s := doc.Suites[0]
	var skipped []string
	for _, c := range s.Cases {
		if c.Skipped != nil {
			skipped = append(skipped, c.Classname+"."+c.Name+": "+c.Skipped.Message)
		}
	}
	if s.Skipped != 2 || len(skipped) != 2 || !strings.Contains(skipped[0], "small.local.ready: inconclusive: small/local/ready: host too noisy to judge") ||
		!strings.Contains(skipped[0], "new runs on a busy host: local#1") || !strings.Contains(skipped[1], "within the host's reach") {
		t.Errorf("skipped %d: %q", s.Skipped, skipped)
	}
	if s.Failures != 0 {
		t.Errorf("%d failures on a noisy host", s.Failures)
	}
	xmllint, err := exec.LookPath("xmllint")
	testenv.Require(t, err == nil, "xmllint (apt-get install libxml2-utils)")
	file := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), file).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, msg)
	}
}

// TestMarkdownAndTextSayTheGate: every new run was contended (others
// used 53 % of the CPUs during it) but the reference workload around
// the runs took the same time as in the baseline, so the host cannot
// have moved the paired ratio, which held: nfs is judged on it.
func TestMarkdownAndTextSayTheGate(t *testing.T) {
	base, cur := noisySides(t)
	contended := *testenv.HostBusy
	contended.ReferenceBefore, contended.ReferenceAfter = testenv.HostQuiet.ReferenceBefore, testenv.HostQuiet.ReferenceAfter
	for i := range cur {
		cur[i].Host = &contended
	}
	m := Build(cur, base, compare.Options{})
	var md, txt bytes.Buffer
	if err := Markdown(&md, m); err != nil {
		t.Fatal(err)
	}
	if err := Text(&txt, m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Inconclusive: host too noisy", "| small/nfs/ready | unchanged | paired ratio |", "Hosts: baseline busy in 0 of 16 measured runs, new in 16 of 16"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(txt.String()), " "), "small/nfs/ready unchanged paired ratio") {
		t.Errorf("text lacks the paired gate:\n%s", txt.String())
	}
}

// TestHostWarningsAreSaidOnce: what the runs could not measure of their
// host is said once, with the number of runs.
func TestHostWarningsAreSaidOnce(t *testing.T) {
	_, cur := noisySides(t)
	for i := range cur[:3] {
		h := *cur[i].Host
		h.Warnings = []string{"no PSI: /proc/pressure/cpu does not exist (kernel built without CONFIG_PSI)"}
		cur[i].Host = &h
	}
	var out bytes.Buffer
	if err := Text(&out, Build(cur, nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "warning: host, 3 run(s): no PSI"); got != 1 {
		t.Errorf("the PSI warning appears %d times, want once:\n%s", got, out.String())
	}
}

// TestFootnoteSaysTheSteadyLoad: beside an idle control plane other work
// uses a steady 17 % of the CPUs in every run; no run is busy, and the
// footnote says what the runs were judged against.
func TestFootnoteSaysTheSteadyLoad(t *testing.T) {
	_, cur := noisySides(t)
	steady := *testenv.HostQuiet
	during := *steady.During
	others := 17.0
	during.OthersPct = &others
	steady.During = &during
	for i := range cur {
		cur[i].Host = &steady
	}
	var out bytes.Buffer
	if err := Table(&out, Build(cur, nil, compare.Options{})); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(out.String()), " ")
	if want := "Host: quiet in all 16 runs. Steady light load: other work used 17% of the CPUs in the typical run (17–17%)"; !strings.Contains(text, want) {
		t.Errorf("table lacks %q:\n%s", want, text)
	}
}
