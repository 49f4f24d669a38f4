package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jsbench/jsbench/bench/record/results"
)

// baselineScenario is four quick starts of the simulated controller as
// a process: the fewest runs a side with which a change can be significant.
const baselineScenario = `version: 1
name: gate
subject: {kind: sim, runtime: process}
volumes: [{name: local, kind: local}]
runs: 4
timeout: 1m
cache: warm
`

// TestRunWithBaselineGates runs the real jsbench twice: once to make a
// baseline, then with --baseline against that baseline as it was and
// against a copy whose every duration is ten times shorter. The first
// must not be a regression (0, or 3 when the host was too noisy to
// judge); the second is one (1: no busy host explains ten times), said
// on the last line and kept in results.json.
func TestRunWithBaselineGates(t *testing.T) {
	jsbench := requireRunHost(t)
	file := writeScenario(t, t.TempDir(), "gate.yaml", baselineScenario)
	first := t.TempDir()
	if out, err := exec.Command(jsbench, "run", "--out", first, "--work-dir", t.TempDir(), file).CombinedOutput(); err != nil {
		t.Fatalf("baseline session: %v\n%s", err, out)
	}
	faster := filepath.Join(t.TempDir(), results.FileName)
	writeScaled(t, filepath.Join(first, results.FileName), faster, 0.1)

	tests := []struct {
		name, baseline string
		codes          []int
		verdict        string
	}{
		{"same", first, []int{exitOK, 3}, "against the baseline: "},
		{"ten times faster", faster, []int{1}, "against the baseline: regression in "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			// A threshold of 50%: two sessions a minute apart on one host
			// differ by less, unless the host is busy (then exit 3).
			cmd := exec.Command(jsbench, "run", "--out", out, "--work-dir", t.TempDir(), "--baseline", tt.baseline, "--threshold", "50%", file)
			output, err := cmd.CombinedOutput()
			code := exitOf(err)
			lines := strings.Split(strings.TrimSpace(string(output)), "\n")
			last := lines[len(lines)-1]
			t.Logf("exit %d: %s", code, last)
			if !slices.Contains(tt.codes, code) || !strings.Contains(last, tt.verdict) {
				t.Fatalf("exit %d, last line %q; want one of %v and %q\n%s", code, last, tt.codes, tt.verdict, output)
			}
			if code == 1 && !strings.Contains(last, "regression in") {
				t.Errorf("exit 1 but the last line names no regression: %q", last)
			}
			if code == 3 && !strings.Contains(last, "inconclusive") {
				t.Errorf("exit 3 but the last line says nothing inconclusive: %q", last)
			}
			if !strings.Contains(string(output), "Against the baseline "+tt.baseline) {
				t.Errorf("no comparison after the table:\n%s", output)
			}
			summary, err := os.ReadFile(filepath.Join(out, "results.json"))
			if err != nil || !strings.Contains(string(summary), `"verdict"`) {
				t.Errorf("results.json keeps no verdict (%v)", err)
			}
		})
	}
}

// TestRunRefusesUnreadableBaselineBeforeRunning: a baseline that cannot
// be read is unusable input, found before any controller starts.
func TestRunRefusesUnreadableBaselineBeforeRunning(t *testing.T) {
	jsbench := requireRunHost(t)
	file := writeScenario(t, t.TempDir(), "gate.yaml", baselineScenario)
	empty := filepath.Join(t.TempDir(), results.FileName)
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out, err := exec.Command(jsbench, "run", "--out", t.TempDir(), "--baseline", empty, file).CombinedOutput()
	if code := exitOf(err); code != exitUnusable || !strings.Contains(string(out), "is empty (0 bytes)") {
		t.Errorf("exit %d, output:\n%s\nwant 2 and why the baseline is unusable", code, out)
	}
	if strings.Contains(string(out), "run 1 of") {
		t.Errorf("a run started before the baseline was read (%s):\n%s", time.Since(start), out)
	}
}

// writeScaled copies the runs of src to dst with every duration times f.
func writeScaled(t *testing.T, src, dst string, f float64) {
	t.Helper()
	recs, _, err := results.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for _, r := range recs {
		r.ReadyMS *= f
		for i := range r.Phases {
			r.Phases[i].StartMS *= f
			r.Phases[i].DurationMS *= f
		}
		if err := results.AppendJSONL(out, r); err != nil {
			t.Fatal(err)
		}
	}
}
