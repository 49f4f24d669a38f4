package main

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsbench/jsbench/bench/plan/scenario"
	"github.com/jsbench/jsbench/bench/record/results"
	"github.com/jsbench/jsbench/bench/runtime/runtimes"
)

// TestPlanPlantsTheChanges plans from the default scenario and loads
// every scenario written as jsbench run would. The sizes, by hand:
// +20 % of nfs-lan's ready time is 20 / 6.27 × 100 = 319 more war
// entries (1319), 20 / 5 × 100 = 400 more jobs (500), and latencies
// ×(1 + 0.20 / 0.8745) = ×1.2287: nfs-lan's 410 µs metadata becomes
// 503.8 µs, written rounded to 504 µs.
func TestPlanPlantsTheChanges(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	if code := run([]string{"plan", "-scenario", "../../scenarios/storage-matrix.yaml", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	p, err := readPlan(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 11 || len(p.Sessions) != 17 {
		t.Errorf("%d changes, %d sessions; want 11 (none, 3 kinds × 3 sizes, war 1600) and 17 (13 quiet, 4 loaded)", len(p.Changes), len(p.Sessions))
	}
	load := func(name string) *scenario.Scenario {
		t.Helper()
		sc, err := scenario.Load(filepath.Join(dir, "scenarios", name+".yaml"), runtimes.Specs())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if sc.Name != "storage-matrix" || len(sc.Volumes) != 2 || sc.Runs != 6 || sc.Adaptive != nil || sc.Reference != "local" {
			t.Errorf("%s: name %q, %d volumes, %d runs, adaptive %v, reference %q", name, sc.Name, len(sc.Volumes), sc.Runs, sc.Adaptive, sc.Reference)
		}
		return sc
	}
	for _, ch := range p.Changes {
		load(ch.Name)
	}
	if sc := load("war-20"); sc.Subject.Sim["war_entries"] != "1319" {
		t.Errorf("war-20: %q war entries, want 1319", sc.Subject.Sim["war_entries"])
	}
	if sc := load("war1600"); sc.Subject.Sim["war_entries"] != "1600" {
		t.Errorf("war1600: %q war entries, want 1600", sc.Subject.Sim["war_entries"])
	}
	if sc := load("jobs-20"); sc.Home.Jobs != 500 {
		t.Errorf("jobs-20: %d jobs, want 500", sc.Home.Jobs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "scenarios", "latency-20.yaml"))
	if !strings.Contains(string(data), "metadata:\n            median: 504µs") {
		t.Errorf("latency-20 does not slow nfs-lan's metadata to 504 µs:\n%s", data)
	}
}

func TestPlanRefusesAMissingVolume(t *testing.T) {
	var out, errs bytes.Buffer
	code := run([]string{"plan", "-scenario", "../../scenarios/storage-matrix.yaml", "-volumes", "local,nfs", t.TempDir()}, &out, &errs)
	if code != 2 || !strings.Contains(errs.String(), `no volume "nfs" in the scenario`) {
		t.Errorf("exit %d: %s", code, errs.String())
	}
}

// host figures of a quiet run and of one under two busy processes per
// CPU (the reference workload 2.8× slower, a third of the CPU it asks
// for), as make noise-check measured them.
var (
	quietHost = &results.Host{CPUs: 2,
		ReferenceBefore: &results.Reference{CPUMS: 112, FileMS: 33, Workers: 2, CPUSharePct: 98},
		ReferenceAfter:  &results.Reference{CPUMS: 110, FileMS: 34, Workers: 2, CPUSharePct: 97},
		During:          &results.HostDuring{WallMS: 5000, BusyPct: 60, HarnessPct: 3, SubjectPct: ptr(54), OthersPct: ptr(3)}}
	loadedHost = &results.Host{CPUs: 2,
		ReferenceBefore: &results.Reference{CPUMS: 360, FileMS: 46, Workers: 2, CPUSharePct: 33},
		ReferenceAfter:  &results.Reference{CPUMS: 362, FileMS: 45, Workers: 2, CPUSharePct: 34},
		During:          &results.HostDuring{WallMS: 5000, BusyPct: 100, HarnessPct: 3, SubjectPct: ptr(30), OthersPct: ptr(67)}}
)

func ptr(v float64) *float64 { return &v }

// writeSession writes a session of 6 runs on local (median 1.5 s) and
// nfs-lan (median 12 s), each scaled by its factor, with lognormal noise
// of σ 0.03.
func writeSession(t *testing.T, dir, state, name string, seed uint64, h *results.Host, local, nfs float64) {
	t.Helper()
	path := filepath.Join(dir, "sessions", state, name)
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(path, results.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rng := rand.New(rand.NewPCG(seed, 3))
	for i := 1; i <= 6; i++ {
		for _, v := range []struct {
			name, kind string
			ms         float64
		}{{"local", "local", 1500 * local}, {"nfs-lan", "emulated", 12000 * nfs}} {
			rec := results.Record{Schema: results.SchemaV1, SuiteID: fmt.Sprintf("%s-%s", state, name), Scenario: "storage-matrix",
				Iteration: i, Status: results.StatusOK, ReadyMS: v.ms * math.Exp(0.03*rng.NormFloat64()), ReferenceVolume: "local",
				Subject: results.Subject{Kind: "sim", Simulated: true, Name: "jenkins-sim"},
				Volume:  results.Volume{Name: v.name, Kind: v.kind}, Host: h}
			if err := results.AppendJSONL(f, rec); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestTable judges a measurement made of synthetic sessions: three
// quiet baselines, the planted changes of +20 % (war: local +40 % and
// nfs-lan +20 %; latency: nfs-lan only), and under load every run's
// reference workload 2.8× slower, local 1.5× and nfs-lan 1.2× slower
// (injected latency is wall-clock time a busy CPU does not stretch).
// Every goal holds: the A/A pairs are no regression on the quiet host
// and inconclusive under load, the +20 % changes regressions on the
// quiet host and inconclusive under load, where the host's change
// (+180 %) could move the paired ratios by ±560 %.
func TestTable(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	p := planned(t, dir, "-kinds", "war,latency", "-sizes", "20")
	factors := map[string][2]float64{"none": {1, 1}, "war-20": {1.4, 1.2}, "latency-20": {1, 1.2}, "war1600": {1.5, 1.376}}
	for i, s := range p.Sessions {
		f, h := factors[s.Change], quietHost
		if s.State == StateLoaded {
			f, h = [2]float64{f[0] * 1.5, f[1] * 1.2}, loadedHost
		}
		writeSession(t, dir, s.State, s.Name, uint64(i+1), h, f[0], f[1])
	}
	out.Reset()
	code := run([]string{"table", dir}, &out, &errs)
	text := out.String()
	if code != 0 {
		t.Fatalf("table: exit %d\n%s%s", code, text, errs.String())
	}
	for _, want := range []string{
		"| none (A/A) | – | local ",
		" | 6 no regression | 3 inconclusive |",
		"| war entries 1000 → 1319 | +20% | local +41%, nfs-lan +18% | nfs-lan -16% (host ±0%) |",
		" | 3 regression | 3 inconclusive |",
		"| war entries 1000 → 1600 | +37.6% |",
		"- quiet host: 6 sessions; reference workload 144 ms (144–144) typical",
		"busy runs 36 of 36; steady state heavy load in 3",
		"- none (A/A): nfs-lan -26% (host ±361%)",
		"- no regression verdict on any A/A pair (every host state): met",
		"called regression on a quiet host: met",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
}

// TestTableFailsAMissedRegression: a planted +20 % that measured as
// nothing on a quiet host breaks a goal: exit 1, the comparison named.
func TestTableFailsAMissedRegression(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	p := planned(t, dir, "-kinds", "latency", "-sizes", "20", "-states", "quiet")
	for i, s := range p.Sessions {
		writeSession(t, dir, s.State, s.Name, uint64(i+1), quietHost, 1, 1)
	}
	out.Reset()
	if code := run([]string{"table", dir}, &out, &errs); code != 1 || !strings.Contains(out.String(), "NOT MET: quiet: latency-20 against none-1: no regression") {
		t.Errorf("exit %d\n%s", code, out.String())
	}
}

// TestTableCluster: beside the idle cluster every run sees other work
// use a steady 17 % of the CPUs and a reference workload of 190 ms. The
// first night is accepted as the baseline (a steady light load is no
// noise), the second is no regression, the 1600-entry war (local +50 %,
// nfs-lan +37.6 %) a regression.
func TestTableCluster(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	p := planned(t, dir, "-kinds", "war", "-sizes", "20", "-states", "cluster")
	idleCluster := &results.Host{CPUs: 2,
		ReferenceBefore: &results.Reference{CPUMS: 150, FileMS: 40, Workers: 2, CPUSharePct: 85},
		ReferenceAfter:  &results.Reference{CPUMS: 151, FileMS: 39, Workers: 2, CPUSharePct: 86},
		During:          &results.HostDuring{WallMS: 5000, BusyPct: 75, HarnessPct: 3, SubjectPct: ptr(55), OthersPct: ptr(17)}}
	for i, s := range p.Sessions {
		local, nfs := 1.0, 1.0
		if s.Change == KindWar1600 {
			local, nfs = 1.5, 1.376
		}
		writeSession(t, dir, s.State, s.Name, uint64(i+1), idleCluster, local, nfs)
	}
	out.Reset()
	code := run([]string{"table", dir}, &out, &errs)
	text := out.String()
	for _, want := range []string{"| none (A/A) | – | – | – | 1 no regression |", "| war entries 1000 → 1600 | +37.6% | – | – | 1 regression |",
		"steady state steady light load in 3", "- first night beside the idle cluster as the baseline: accepted",
		"the first night becomes the baseline and the 1600-entry war is called regression: met"} {
		if !strings.Contains(text, want) {
			t.Errorf("table lacks %q:\n%s", want, text)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestTableOnABusyQuietHost: "quiet" sessions measured under a heavy
// load say nothing of a quiet host: the quiet goals are not assessed,
// the table warns and exits 3.
func TestTableOnABusyQuietHost(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	p := planned(t, dir, "-kinds", "war", "-sizes", "20", "-states", "quiet")
	for i, s := range p.Sessions {
		writeSession(t, dir, s.State, s.Name, uint64(i+1), loadedHost, 1, 1)
	}
	out.Reset()
	code := run([]string{"table", dir}, &out, &errs)
	if code != 3 || !strings.Contains(out.String(), "WARNING: the quiet host was not quiet: heavy load all along in 5 of 5 sessions") ||
		!strings.Contains(out.String(), "called regression on a quiet host: not assessed") {
		t.Errorf("exit %d\n%s", code, out.String())
	}
}

// planned runs plan on the default scenario with args into dir and
// returns the plan written.
func planned(t *testing.T, dir string, args ...string) Plan {
	t.Helper()
	var out, errs bytes.Buffer
	args = append(append([]string{"plan", "-scenario", "../../scenarios/storage-matrix.yaml"}, args...), dir)
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errs.String())
	}
	p, err := readPlan(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
